package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@RoomtoneTest
class AuditLogTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void pagesNewestFirstAndContinuesWhereThePreviousPageEnded() {
        // a studio of its own, so that no other test's entries fall between ours
        String owner = api.newStudio().ownerToken();
        List<String> rooms = List.of("First", "Second", "Third").stream()
                .map(name -> api.post("/api/admin/rooms", json("name", name), owner)
                        .json()
                        .get("id")
                        .asString())
                .toList();

        Response first = api.get("/api/admin/audit?entity=room&limit=2", owner);

        first.expect(200);
        assertThat(first.json().get("items").findValuesAsString("entity_id"))
                .containsExactly(rooms.get(2), rooms.get(1));
        String nextBefore = first.json().get("next_before").asString();
        assertThat(nextBefore).endsWith("Z");

        Response second = api.get(
                "/api/admin/audit?entity=room&limit=2&before=" + URLEncoder.encode(nextBefore, StandardCharsets.UTF_8),
                owner);

        assertThat(second.json().get("items").findValuesAsString("entity_id")).containsExactly(rooms.get(0));
        assertThat(second.json().get("next_before").isNull()).isTrue();
    }

    @Test
    void entriesWithTheSameTimeAreNeitherSkippedNorRepeatedAcrossPages() {
        Api.OtherStudio studio = api.newStudio();
        // five entries of one instant, as an import or a coarse clock would write them
        Tenancy.runAs(
                UUID.fromString(studio.id()),
                () -> transactions.executeWithoutResult(tx -> jdbc.sql(
                                """
                        INSERT INTO audit_log (studio_id, actor, action, entity, entity_id, created_at)
                        SELECT CAST(:studio AS uuid), 'import', 'room.created', 'room', gen_random_uuid(),
                               timestamptz '2026-11-01 10:00:00Z'
                          FROM generate_series(1, 5)
                        """)
                        .param("studio", studio.id())
                        .update()));

        List<String> seen = new ArrayList<>();
        String query = "/api/admin/audit?entity=room&limit=2";
        for (int page = 0; page < 5; page++) {
            Response answer = api.get(query, studio.ownerToken()).expect(200);
            seen.addAll(answer.json().get("items").findValuesAsString("entity_id"));
            if (answer.json().get("next_before").isNull()) {
                break;
            }
            query = "/api/admin/audit?entity=room&limit=2&before="
                    + URLEncoder.encode(answer.json().get("next_before").asString(), StandardCharsets.UTF_8)
                    + "&before_id=" + answer.json().get("next_before_id").asString();
        }

        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void onlyAdminsReadTheAuditLog() {
        String client = api.newClient(null);

        api.get("/api/admin/audit", client).expect(403);
        api.get("/api/admin/audit", null).expect(401);
    }
}
