package io.roomtone.booking;

import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a client's page shows of their bookings: how many they made, how many are still to come,
 * and what their confirmed and completed sessions came to. Lives here rather than with the accounts
 * because only this module knows bookings (identity must not depend on it).
 */
@Service
public class ClientHistory {

    /**
     * @param bookings every booking of the client, whatever its status
     * @param upcoming those that have not started and are awaiting approval or confirmed
     * @param totalCents the totals of the confirmed and completed ones, in {@code currency}
     * @param currency the studio's currency (bookings made in another one are not added in)
     */
    public record Summary(long bookings, long upcoming, long totalCents, String currency) {}

    private final JdbcClient jdbc;
    private final Studios studios;

    ClientHistory(JdbcClient jdbc, Studios studios) {
        this.jdbc = jdbc;
        this.studios = studios;
    }

    @Transactional(readOnly = true)
    public Summary of(UUID clientId) {
        String currency = studios.current().currency();
        return jdbc.sql(
                        """
                        SELECT count(*) AS bookings,
                               count(*) FILTER (WHERE status IN ('awaiting_approval', 'confirmed')
                                                  AND start_at > now()) AS upcoming,
                               coalesce(sum(total_cents) FILTER (WHERE status IN ('confirmed', 'completed')
                                                                   AND currency = :currency), 0) AS total
                          FROM booking
                         WHERE studio_id = :studio AND client_id = :client
                        """)
                .param("currency", currency)
                .param("studio", Tenancy.currentStudioId())
                .param("client", clientId)
                .query((rs, row) ->
                        new Summary(rs.getLong("bookings"), rs.getLong("upcoming"), rs.getLong("total"), currency))
                .single();
    }
}
