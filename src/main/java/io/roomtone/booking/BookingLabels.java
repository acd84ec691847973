package io.roomtone.booking;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.ReferenceLabels;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names the purchases payments knows only by reference: a booking's id is its purchase reference,
 * its code the label a bookkeeper recognises (the reconciliation lists differences with it).
 */
@Component
class BookingLabels implements ReferenceLabels {

    private final JdbcClient jdbc;

    BookingLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, String> labels(Collection<UUID> references) {
        Map<UUID, String> codes = new HashMap<>();
        if (references.isEmpty()) {
            return codes;
        }
        jdbc.sql("SELECT id, code FROM booking WHERE studio_id = :studio AND id = ANY(:ids)")
                .param("studio", Tenancy.currentStudioId())
                .param("ids", references.toArray(UUID[]::new))
                .query((rs, n) -> codes.put(rs.getObject("id", UUID.class), rs.getString("code")))
                .list();
        return codes;
    }
}
