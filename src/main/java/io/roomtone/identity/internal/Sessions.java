package io.roomtone.identity.internal;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing up, in and out of the current studio. A session is a token that lasts {@code
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
     * Creates a client account and signs it in. Not one transaction: hashing the password must not
     * hold a database connection (see {@link Accounts#create}).
     */
    public Opened register(String email, String password, String name, String phone) {
        UserAccount account = accounts.create(email, password, name, phone, Role.CLIENT);
        return open(account);
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
     * it in; the invitation is used up.
     */
    @Transactional
    public Opened acceptInvitation(String token, String password) {
        Tokens.Owner owner = tokens.resolve(token, Tokens.Purpose.INVITATION)
                .filter(o -> o.studioId().equals(Tenancy.currentStudioId()))
                .orElseThrow(() -> RoomtoneException.invalid("token", "is invalid or has expired"));
        accounts.setPassword(owner.userId(), password, "password");
        tokens.revokeAll(owner.studioId(), owner.userId(), Tokens.Purpose.INVITATION);
        return open(accounts.find(owner.userId()).orElseThrow());
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
