package io.roomtone.catalog;

import io.roomtone.identity.Invitation;

/**
 * A newly created staff member, with the invitation to send them when their account has no password
 * yet ({@code null} otherwise).
 */
public record StaffEnrollment(StaffMember member, Invitation invitation) {}
