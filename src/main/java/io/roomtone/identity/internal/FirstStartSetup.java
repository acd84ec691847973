package io.roomtone.identity.internal;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.Role;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.Inputs;
import io.roomtone.shared.RoomtoneException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-time setup of a studio that got no owner from the environment: it names the studio and
 * creates its first owner, who is signed in at once. Once the studio has an owner, setup is closed.
 */
@Service
public class FirstStartSetup {

    /** What the setup page asks for; blank or null fields of the studio keep their current values. */
    public record Answers(
            String studioName, String timezone, String currency, String ownerName, String email, String password) {}

    private final Accounts accounts;
    private final Studios studios;
    private final Sessions sessions;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    FirstStartSetup(
            Accounts accounts, Studios studios, Sessions sessions, TransactionTemplate transactions, JdbcClient jdbc) {
        this.accounts = accounts;
        this.studios = studios;
        this.sessions = sessions;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** Refuses with a 404 problem once the current studio has an owner: the page is gone for good. */
    public void requireOpen() {
        if (accounts.hasOwner()) {
            throw RoomtoneException.notFound("setup page", "/setup");
        }
    }

    /**
     * Names the current studio and creates its owner, then signs the owner in. The owner lock makes a
     * second, simultaneous submission (or a first start on another node) find the owner and be refused.
     */
    public Sessions.Opened complete(Answers answers) {
        UserAccount owner = transactions.execute(tx -> {
            OwnerLock.acquire(jdbc, Tenancy.currentStudioId());
            requireOpen();
            studios.updateCurrent(
                    blankToNull(answers.studioName()),
                    Inputs.zone(answers.timezone(), "timezone"),
                    Inputs.currency(answers.currency(), "currency"));
            return accounts.create(answers.email(), answers.password(), answers.ownerName(), null, Role.OWNER);
        });
        return sessions.open(owner);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
