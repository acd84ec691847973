package io.roomtone.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * The events of account mails, published with Spring Modulith's event publication registry in the
 * transaction of the request: a listener of the notifications module composes and sends the mail
 * after commit. None of them carries a link secret: the listener issues one when it writes the mail
 * ({@link AccountLinks#issue}, {@link Team#issueInvitationLink}), so that no usable token ever sits
 * in the event publication table.
 *
 * <p>Each is published only for an address that has an account; the request that caused it is
 * answered the same way either way (no one learns from the answer whether an address is known).
 */
public final class AccountEvents {

    private AccountEvents() {}

    /** Someone asked for a password reset for the account's address: mail it a reset link. */
    public record PasswordResetRequested(UUID studioId, UUID userId, String email) {}

    /**
     * Someone asked for a sign-in link for the account's address (for example after its sign-in
     * limit was reached): mail it a sign-in link.
     *
     * @param next the local path to go to once signed in, if the request named one
     */
    public record SignInLinkRequested(UUID studioId, UUID userId, String email, Optional<String> next) {}

    /**
     * A new account was registered with a password that works only once the address is confirmed:
     * mail it a confirmation link. Published again when the registration is repeated.
     *
     * @param next the local path to go to once confirmed and signed in (e.g. back into the booking
     *     flow with the chosen slot), if the registration named one
     */
    public record EmailConfirmationNeeded(UUID studioId, UUID userId, String email, Optional<String> next) {}

    /**
     * Someone tried to register an address that already has an account; nothing was created. Tell the
     * owner of the address (who may have forgotten the account: offer a sign-in or reset link).
     */
    public record RegistrationAttemptedForExistingAccount(UUID studioId, UUID userId, String email) {}

    /**
     * An owner invited someone to the team, or staff administration asked for an invitation mail
     * ({@link Team#mailInvitation}).
     *
     * @param userId the invited account; its open invitation is issued with {@link
     *     Team#issueInvitationLink(UUID)}
     * @param needsPassword whether the account has no password yet: then the mail carries an
     *     invitation link to choose one; otherwise (a client promoted to the team) it just says so
     * @param invitedBy who invited them (null when no signed-in user asked)
     */
    public record StaffInvited(
            UUID studioId, UUID userId, String email, Role role, boolean needsPassword, UUID invitedBy) {}
}
