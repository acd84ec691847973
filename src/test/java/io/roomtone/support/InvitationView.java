package io.roomtone.support;

/** A new invitation link for a staff member ({@code POST /api/admin/staff/{id}/invitation}). */
public record InvitationView(String invitationToken, String invitationExpiresAt) {}
