package io.roomtone.identity.internal;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing in and out of the current studio (signing up is {@link io.roomtone.identity.Registrations#register}: an account
 * is signed in only once its address is confirmed, see {@link AccountRecovery}). A session is a token that lasts {@code
 * roomtone.session-ttl}; the web layer hands it out as a bearer token and as the session cookie.
 */
@Service
public class Sessions {

    /** A session just started: the account it is for and its token, shown once. */
    public record Opened(UserAccount account, String token) {}

    private final Accounts accounts;
    private final Credentials credentials;
    private final Tokens tokens;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;

    Sessions(
            Accounts accounts,
            Credentials credentials,
            Tokens tokens,
            IdentityProperties properties,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.tokens = tokens;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Signs in with email and password. Not one transaction: the password is compared between short
     * ones (see {@link Credentials}).
     */
    public Opened signIn(String email, String password) {
        UserAccount account = credentials
                .verify(email, password)
                .flatMap(accounts::find)
                .orElseThrow(
                        () -> new RoomtoneException(ProblemCode.UNAUTHENTICATED, "Email or password is incorrect."));
        return open(account);
    }

    /**
     * Sets the password of the account an invitation of the current studio was issued for, and signs
     * it in. The invitation is used up in the same transaction as the password is set: of concurrent
     * acceptances of one link exactly one succeeds, and a refused password leaves the link usable.
     */
    @Transactional
    public Opened acceptInvitation(String token, String password) {
        Tokens.Owner owner = tokens.consume(token, Tokens.Purpose.INVITATION, Tenancy.currentStudioId())
                .orElseThrow(() -> RoomtoneException.invalid("token", "is invalid, expired or already used"));
        accounts.setPassword(owner.userId(), password, "password");
        return open(accounts.find(owner.userId()).orElseThrow());
    }

    /**
     * Changes the signed-in user's password after checking the current one, and renews the session:
     * every session of the account ends (whoever else signed in with the old password is out) and a
     * new one is returned for the caller. The current password is compared outside any transaction
     * (see {@link Credentials}); the new one is stored, and the sessions replaced, in one.
     */
    public Opened changePassword(UUID userId, String email, String currentPassword, String newPassword) {
        Validation validation = new Validation().require(currentPassword, "current_password");
        validation.throwIfInvalid();
        boolean verified = credentials
                .verify(email, currentPassword)
                .filter(userId::equals)
                .isPresent();
        if (!verified) {
            throw RoomtoneException.invalid("current_password", "is not your current password");
        }
        if (currentPassword.equals(newPassword)) {
            throw RoomtoneException.invalid("new_password", "must differ from the current password");
        }
        return transactions.execute(status -> {
            accounts.setPassword(userId, newPassword, "new_password");
            return open(accounts.find(userId).orElseThrow());
        });
    }

    /** Starts a session for an account of the current studio (joining a running transaction, if any). */
    public Opened open(UserAccount account) {
        String token = transactions.execute(status ->
                tokens.issue(Tenancy.currentStudioId(), account.id(), Tokens.Purpose.SESSION, properties.sessionTtl()));
        return new Opened(account, token);
    }

    /** Ends the session of {@code token}; an unknown or expired token is ignored. */
    public void close(String token) {
        tokens.revoke(token);
    }
}
