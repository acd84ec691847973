package io.roomtone.invoicing;

import io.roomtone.identity.Tenancy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's gap-free document numbers. A number is taken in the transaction that issues the
 * document: the counter row stays locked until that transaction ends, so no two get the same number,
 * and a rollback gives the number back (a sequence would lose it). The price is that issuing is
 * serialized per studio and kind for the rest of the issuing transaction, so it is done last.
 */
@Component
class InvoiceNumbers {

    private final JdbcClient jdbc;

    InvoiceNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number of {@code kind} for the current studio, starting at 1. */
    @Transactional(propagation = Propagation.MANDATORY)
    long next(Invoice.Kind kind) {
        return jdbc.sql(
                        """
                        INSERT INTO invoice_counter AS c (studio_id, kind, next) VALUES (:studio, :kind, 2)
                        ON CONFLICT (studio_id, kind) DO UPDATE SET next = c.next + 1
                        RETURNING next - 1
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("kind", kind.json())
                .query(Long.class)
                .single();
    }

    static String format(String prefix, long seq) {
        return prefix + String.format(java.util.Locale.ROOT, "%06d", seq);
    }
}
