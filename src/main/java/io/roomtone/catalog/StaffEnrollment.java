package io.roomtone.catalog;

import io.roomtone.identity.Team;

/**
 * A newly created staff member, with the invitation mail on its way to them when their account has
 * no password yet ({@code null} otherwise). The mail carries the link; no one else ever sees it.
 */
public record StaffEnrollment(StaffMember member, Team.InvitationMailed invitation) {}
