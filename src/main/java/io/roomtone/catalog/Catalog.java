package io.roomtone.catalog;

import io.roomtone.identity.Tenancy;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Questions other modules ask about the catalog as a whole. */
@Service
public class Catalog {

    private final JdbcClient jdbc;

    Catalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the current studio has a room, service or staff member with this id. */
    @Transactional(readOnly = true)
    public boolean exists(CatalogRemoved.Kind kind, UUID id) {
        String table =
                switch (kind) {
                    case ROOM -> "room";
                    case SERVICE -> "service";
                    case STAFF -> "staff";
                };
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE studio_id = ? AND id = ?)")
                .params(Tenancy.currentStudioId(), id)
                .query(Boolean.class)
                .single();
    }
}
