package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Validation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's append-only double-entry ledger in cents. Balances, revenue and what a client owes
 * are sums of its entries, never stored counters; the database refuses a transaction whose entries
 * do not sum to zero and never lets the application change or delete one.
 */
@Service
public class Ledger {

    /** An account's movements in a period: {@code balanceCents} = debits − credits. */
    public record AccountBalance(
            LedgerAccount account, String currency, long debitCents, long creditCents, long balanceCents) {

        AccountBalance(LedgerAccount account, String currency, long debitCents, long creditCents) {
            this(account, currency, debitCents, creditCents, debitCents - creditCents);
        }
    }

    /** One entry with its transaction, as a bookkeeper reads it. */
    public record Line(
            UUID transactionId,
            String kind,
            String description,
            Instant occurredAt,
            LedgerAccount account,
            UUID party,
            long amountCents,
            String currency) {}

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Posts a balanced transaction inside the caller's transaction, in one statement; returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID post(LedgerPosting posting) {
        UUID id = UUID.randomUUID();
        List<LedgerPosting.Entry> entries = posting.entries();
        jdbc.sql(
                        """
                        WITH posted AS (
                            INSERT INTO ledger_transaction (studio_id, id, reference, kind, description, occurred_at)
                            VALUES (:studio, :id, :reference, :kind, :description, :occurred)
                            RETURNING studio_id, id
                        )
                        INSERT INTO ledger_entry (studio_id, transaction_id, line, account, party, amount_cents, currency)
                        SELECT posted.studio_id, posted.id, e.line - 1, e.account, e.party, e.amount, e.currency
                          FROM posted,
                               unnest(CAST(:accounts AS text[]), CAST(:parties AS uuid[]), CAST(:amounts AS bigint[]),
                                      CAST(:currencies AS text[])) WITH ORDINALITY AS e(account, party, amount, currency, line)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("reference", posting.reference())
                .param("kind", posting.kind())
                .param("description", posting.description())
                .param("occurred", java.sql.Timestamp.from(posting.occurredAt()))
                .param("accounts", entries.stream().map(e -> e.account().code()).toArray(String[]::new))
                .param(
                        "parties",
                        entries.stream().map(LedgerPosting.Entry::party).toArray(UUID[]::new))
                .param(
                        "amounts",
                        entries.stream().map(LedgerPosting.Entry::amountCents).toArray(Long[]::new))
                .param(
                        "currencies",
                        entries.stream().map(LedgerPosting.Entry::currency).toArray(String[]::new))
                .update();
        return id;
    }

    /**
     * The movements of every account in {@code [from, to)} by the time the transactions occurred;
     * per currency, they sum to zero.
     */
    @Transactional(readOnly = true)
    public List<AccountBalance> balances(Instant from, Instant to) {
        new Validation().check(from.isBefore(to), "to", "must be after from").throwIfInvalid();
        return jdbc.sql(
                        """
                        SELECT e.account, e.currency,
                               coalesce(sum(e.amount_cents) FILTER (WHERE e.amount_cents > 0), 0) AS debit,
                               coalesce(-sum(e.amount_cents) FILTER (WHERE e.amount_cents < 0), 0) AS credit
                          FROM ledger_entry e
                          JOIN ledger_transaction t ON t.studio_id = e.studio_id AND t.id = e.transaction_id
                         WHERE e.studio_id = :studio AND t.occurred_at >= :from AND t.occurred_at < :to
                         GROUP BY e.account, e.currency
                         ORDER BY e.currency, e.account
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query((rs, n) -> new AccountBalance(
                        LedgerAccount.of(rs.getString("account")),
                        rs.getString("currency"),
                        rs.getLong("debit"),
                        rs.getLong("credit")))
                .list();
    }

    /**
     * The balance (debits − credits) of {@code account} for each party that has entries in it, in
     * every currency, over all time: what the studio owes each staff member in commissions is minus
     * the balance of {@link LedgerAccount#COMMISSION_PAYABLE}. Read in the caller's transaction, so
     * that a caller holding a lock sees every posting committed before it took the lock.
     */
    @Transactional(readOnly = true)
    public List<PartyBalance> partyBalances(LedgerAccount account) {
        return jdbc.sql(
                        """
                        SELECT e.party, e.currency, sum(e.amount_cents) AS balance
                          FROM ledger_entry e
                         WHERE e.studio_id = :studio AND e.account = :account AND e.party IS NOT NULL
                         GROUP BY e.party, e.currency
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("account", account.code())
                .query((rs, n) -> new PartyBalance(
                        rs.getObject("party", UUID.class), rs.getString("currency"), rs.getLong("balance")))
                .list();
    }

    /** The balance of {@code party} in {@code account} and {@code currency} (0 when it has no entries). */
    @Transactional(readOnly = true)
    public long partyBalance(LedgerAccount account, UUID party, String currency) {
        return jdbc.sql(
                        """
                        SELECT coalesce(sum(e.amount_cents), 0)
                          FROM ledger_entry e
                         WHERE e.studio_id = :studio AND e.account = :account AND e.party = :party
                           AND e.currency = :currency
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("account", account.code())
                .param("party", party)
                .param("currency", currency)
                .query(Long.class)
                .single();
    }

    /** What one party's entries in an account add up to (debits − credits). */
    public record PartyBalance(UUID party, String currency, long balanceCents) {}

    /** The entries of everything posted for {@code reference}, oldest first. */
    @Transactional(readOnly = true)
    public List<Line> linesOf(UUID reference) {
        return jdbc.sql(
                        """
                        SELECT t.id, t.kind, t.description, t.occurred_at, e.account, e.party, e.amount_cents, e.currency
                          FROM ledger_transaction t
                          JOIN ledger_entry e ON e.studio_id = t.studio_id AND e.transaction_id = t.id
                         WHERE t.studio_id = :studio AND t.reference = :reference
                         ORDER BY t.occurred_at, t.created_at, t.id, e.line
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .query((rs, n) -> new Line(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("description"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        LedgerAccount.of(rs.getString("account")),
                        rs.getObject("party", UUID.class),
                        rs.getLong("amount_cents"),
                        rs.getString("currency")))
                .list();
    }
}
