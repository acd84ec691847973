package io.roomtone.support;

/** An invitation mail asked for a staff member ({@code POST /api/admin/staff/{id}/invitation}); the link is in the mail. */
public record InvitationView(String invitationSentAt, String invitationExpiresAt) {}
