package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RoomtoneTest
class AuditLogTests {

    @Autowired
    Api api;

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
    void onlyAdminsReadTheAuditLog() {
        String client = api.newClient(null);

        api.get("/api/admin/audit", client).expect(403);
        api.get("/api/admin/audit", null).expect(401);
    }
}
