package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The processor's fees in the ledger: each Stripe balance transaction's fee posted once (debit
 * processor_fees, credit processor_clearing; the other way round for a fee given back). The
 * processor_fee row is inserted first and the posting made in the same database transaction: a
 * second import of the same balance transaction — a retry, another node, a reconciliation catching
 * up, a dozen at once — waits on the first one's row, then finds it and posts nothing.
 */
@Component
class ProcessorFees {

    /** A fee as recorded: {@code feeCents} signed as Stripe reports it. */
    record Recorded(
            String balanceTransactionId,
            UUID reference,
            String sourceId,
            long feeCents,
            String currency,
            Instant occurredAt) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TransactionTemplate transactions;

    ProcessorFees(JdbcClient jdbc, Ledger ledger, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records the fee of {@code entry} for the current studio, in a transaction of its own; false
     * when there is none or it was recorded before. Never call it while holding a provider call.
     */
    boolean record(StripeGateway.BalanceEntry entry, UUID reference) {
        if (entry.fee() == 0 || entry.currency() == null || entry.created() == null) {
            return false;
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean claimed = jdbc.sql(
                                    """
                                    INSERT INTO processor_fee (studio_id, provider, balance_transaction_id, reference,
                                                               source_id, fee_cents, currency, occurred_at)
                                    VALUES (:studio, 'stripe', :bt, :reference, :source, :fee, :currency, :occurred)
                                    ON CONFLICT DO NOTHING
                                    """)
                            .param("studio", Tenancy.currentStudioId())
                            .param("bt", entry.id())
                            .param("reference", reference)
                            .param("source", entry.sourceId())
                            .param("fee", entry.fee())
                            .param("currency", entry.currency())
                            .param("occurred", Timestamp.from(entry.created()))
                            .update()
                    == 1;
            if (!claimed) {
                return false;
            }
            long fee = entry.fee();
            String currency = entry.currency();
            // a fee taken: the processor kept part of what it holds for the studio; given back: the reverse
            LedgerPosting.Entry expense = fee > 0
                    ? LedgerPosting.Entry.debit(LedgerAccount.PROCESSOR_FEES, fee, currency)
                    : LedgerPosting.Entry.credit(LedgerAccount.PROCESSOR_FEES, -fee, currency);
            LedgerPosting.Entry clearing = fee > 0
                    ? LedgerPosting.Entry.credit(LedgerAccount.PROCESSOR_CLEARING, fee, currency)
                    : LedgerPosting.Entry.debit(LedgerAccount.PROCESSOR_CLEARING, -fee, currency);
            UUID posted = ledger.post(new LedgerPosting(
                    reference,
                    fee > 0 ? "processor_fee" : "processor_fee_returned",
                    (fee > 0 ? "Processor fee (Stripe " : "Processor fee returned (Stripe ") + entry.id() + ")",
                    entry.created(),
                    List.of(expense, clearing)));
            jdbc.sql(
                            """
                            UPDATE processor_fee SET ledger_transaction_id = :posted
                             WHERE studio_id = :studio AND provider = 'stripe' AND balance_transaction_id = :bt
                            """)
                    .param("studio", Tenancy.currentStudioId())
                    .param("bt", entry.id())
                    .param("posted", posted)
                    .update();
            return true;
        }));
    }

    /** The fees recorded for these balance transactions, by id. */
    Map<String, Recorded> of(Collection<String> balanceTransactionIds) {
        if (balanceTransactionIds.isEmpty()) {
            return Map.of();
        }
        return transactions
                .execute(tx -> jdbc.sql(SELECT + " AND balance_transaction_id = ANY(:ids)")
                        .param("studio", Tenancy.currentStudioId())
                        .param("ids", balanceTransactionIds.toArray(String[]::new))
                        .query(ProcessorFees::map)
                        .list())
                .stream()
                .collect(Collectors.toMap(Recorded::balanceTransactionId, r -> r));
    }

    /** The fees recorded for balance transactions Stripe created in {@code [from, to)}. */
    List<Recorded> between(Instant from, Instant to) {
        return transactions.execute(tx -> jdbc.sql(SELECT + " AND occurred_at >= :from AND occurred_at < :to")
                .param("studio", Tenancy.currentStudioId())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(ProcessorFees::map)
                .list());
    }

    private static final String SELECT =
            """
            SELECT balance_transaction_id, reference, source_id, fee_cents, currency, occurred_at
              FROM processor_fee WHERE studio_id = :studio AND provider = 'stripe'
            """;

    private static Recorded map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Recorded(
                rs.getString("balance_transaction_id"),
                rs.getObject("reference", UUID.class),
                rs.getString("source_id"),
                rs.getLong("fee_cents"),
                rs.getString("currency"),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
