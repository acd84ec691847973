package io.roomtone.identity.internal;

import io.roomtone.identity.AccountEvents;
import io.roomtone.identity.AccountLinks;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.LocalPaths;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Getting into an account through its e-mail address: asking for a password reset or a sign-in
 * link, and using one; confirming the address of a new registration. A request is answered the
 * same way whether the address has an account or not; only for an account is an event published,
 * which the mail side turns into a mail with a fresh link ({@link AccountLinks}).
 *
 * <p>These ways in do not depend on the sign-in rate limits: an address whose password limit a
 * guesser has used up can still be entered by whoever reads its mail.
 */
@Service
public class AccountRecovery {

    private static final String DEAD_LINK = "is invalid, expired or already used";

    private final Accounts accounts;
    private final AccountLinks links;
    private final Sessions sessions;
    private final PasswordRules passwordRules;
    private final ApplicationEventPublisher events;

    AccountRecovery(
            Accounts accounts,
            AccountLinks links,
            Sessions sessions,
            PasswordRules passwordRules,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.links = links;
        this.sessions = sessions;
        this.passwordRules = passwordRules;
        this.events = events;
    }

    /** Mails a password reset link to {@code email} if it has an account; silent otherwise. */
    @Transactional
    public void requestPasswordReset(String email) {
        accountOf(email)
                .ifPresent(account -> events.publishEvent(new AccountEvents.PasswordResetRequested(
                        Tenancy.currentStudioId(), account.id(), account.email())));
    }

    /** Mails a sign-in link (returning to {@code next}) to {@code email} if it has an account. */
    @Transactional
    public void requestSignInLink(String email, String next) {
        Optional<String> returnTo = Optional.ofNullable(next).filter(LocalPaths::isLocal);
        accountOf(email)
                .ifPresent(account -> events.publishEvent(new AccountEvents.SignInLinkRequested(
                        Tenancy.currentStudioId(), account.id(), account.email(), returnTo)));
    }

    /**
     * Sets a new password from a reset link and signs the account in. Every other session and link
     * of the account ends (whoever was in with the old password is out). The password is checked
     * before the link is used, and a refused one leaves it usable.
     */
    @Transactional
    public Sessions.Opened resetPassword(String token, String password) {
        Validation validation = new Validation().require(token, "token");
        passwordRules.check(validation, password, "password");
        validation.throwIfInvalid();
        UUID userId = consume(token, AccountLinks.Purpose.PASSWORD_RESET);
        accounts.setPassword(userId, password, "password");
        accounts.confirmEmail(userId, false);
        links.revokeAll(userId);
        return sessions.open(account(userId));
    }

    /** Signs in with a sign-in link; the address counts as confirmed. */
    @Transactional
    public Sessions.Opened signInWithLink(String token) {
        UUID userId = consume(token, AccountLinks.Purpose.SIGN_IN_LINK);
        accounts.confirmEmail(userId, false);
        return sessions.open(account(userId));
    }

    /**
     * Confirms the address of a registration: the password chosen then starts working, and the
     * account is signed in.
     */
    @Transactional
    public Sessions.Opened confirmEmail(String token) {
        UUID userId = consume(token, AccountLinks.Purpose.EMAIL_CONFIRMATION);
        accounts.confirmEmail(userId, true);
        return sessions.open(account(userId));
    }

    private Optional<UserAccount> accountOf(String email) {
        Validation validation = new Validation();
        validation.require(email, "email");
        validation.check(email == null || email.length() <= 320, "email", "must be an email address");
        validation.throwIfInvalid();
        return accounts.findByEmail(email);
    }

    private UUID consume(String token, AccountLinks.Purpose purpose) {
        new Validation().require(token, "token").throwIfInvalid();
        return links.consume(token, purpose).orElseThrow(() -> RoomtoneException.invalid("token", DEAD_LINK));
    }

    private UserAccount account(UUID userId) {
        return accounts.find(userId).orElseThrow(() -> RoomtoneException.invalid("token", DEAD_LINK));
    }
}
