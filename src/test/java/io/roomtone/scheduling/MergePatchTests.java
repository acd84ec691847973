package io.roomtone.scheduling;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Audit;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * PATCH is a JSON merge patch (RFC 7396) on every admin resource: a missing field keeps its value,
 * {@code null} clears it (or resets it to its default, or is a 400 when the field is required), an
 * unknown field is a 400; PUT replaces the resource. Both are checked like a create, audited, and a
 * 404 for another studio's id.
 */
@RoomtoneTest
class MergePatchTests {

    @Autowired
    Api api;

    private Response patch(String path, String body, String token) {
        return api.patch(path, body, token);
    }

    @Test
    void roomNullClearsMissingKeepsUnknownRefused() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        String id = api.post(
                        "/api/admin/rooms",
                        json("name", Api.unique("Live"), "description", "Big", "capacity", 6, "color", "#336699"),
                        owner)
                .expect(201)
                .json()
                .get("id")
                .asString();
        String path = "/api/admin/rooms/" + id;

        JsonNode patched = patch(path, "{\"description\": null, \"capacity\": 8}", owner)
                .expect(200)
                .json();
        assertThat(patched.get("description").isNull()).isTrue();
        assertThat(patched.get("capacity").asInt()).isEqualTo(8);
        assertThat(patched.get("color").asString()).isEqualTo("#336699");

        assertThat(patch(path, "{\"name\": null}", owner).invalidFields()).containsExactly("name");
        assertThat(patch(path, "{\"colour\": \"#000000\"}", owner).invalidFields())
                .containsExactly("colour");
        assertThat(patch(path, "{\"capacity\": \"eight\"}", owner).invalidFields())
                .containsExactly("capacity");
        assertThat(api.get(path, owner).json()).isEqualTo(patched);

        // the same body as application/json is a merge patch too
        api.send("PATCH", path, "{\"color\": null}", owner, Map.of()).expect(200);
        assertThat(api.get(path, owner).json().get("color").isNull()).isTrue();

        // PUT replaces: what is left out is cleared, name is required
        assertThat(api.put(path, "{\"capacity\": 3}", owner).invalidFields()).containsExactly("name");
        JsonNode replaced =
                api.put(path, json("name", "Booth"), owner).expect(200).json();
        assertThat(replaced.get("capacity").isNull()).isTrue();
        assertThat(replaced.get("active").asBoolean()).isTrue();

        assertThat(Audit.of(api, owner, "room", id).actions())
                .startsWith("room.updated", "room.updated", "room.updated");
        patch(path, json("capacity", 2), new TestStudio(api).owner()).expect(404);
    }

    @Test
    void serviceNullResetsDefaultsAndClearsOptionalFields() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        String id = api.post(
                        "/api/admin/services",
                        json(
                                "name",
                                Api.unique("Mix"),
                                "default_duration_min",
                                60,
                                "base_price_cents",
                                5_000,
                                "pricing_model",
                                "fixed",
                                "max_per_day",
                                3,
                                "staff_skill_required",
                                "mixing"),
                        owner)
                .expect(201)
                .json()
                .get("id")
                .asString();
        String path = "/api/admin/services/" + id;

        JsonNode patched = patch(path, "{\"pricing_model\": null, \"max_per_day\": null}", owner)
                .expect(200)
                .json();
        assertThat(patched.get("pricing_model").asString()).isEqualTo("per_block");
        assertThat(patched.get("max_per_day").isNull()).isTrue();
        assertThat(patched.get("staff_skill_required").asString()).isEqualTo("mixing");
        assertThat(patched.get("base_price_cents").asLong()).isEqualTo(5_000);

        assertThat(patch(path, "{\"base_price_cents\": null, \"default_duration_min\": null}", owner)
                        .invalidFields())
                .containsExactlyInAnyOrder("base_price_cents", "default_duration_min");
        assertThat(patch(path, "{\"price\": 1}", owner).invalidFields()).containsExactly("price");
        assertThat(patch(path, "{\"base_price_cents\": " + Long.MAX_VALUE + "}", owner)
                        .invalidFields())
                .containsExactly("base_price_cents");
        assertThat(api.get(path, owner).json()).isEqualTo(patched);
        patch(path, json("name", "Theirs"), new TestStudio(api).owner()).expect(404);
    }

    @Test
    void staffNullClearsRateAndRefusesClearingTheName() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer engineer = studio.engineer("mixing");
        String path = "/api/admin/staff/" + engineer.id();
        patch(path, json("hourly_rate_cents", 4_000), studio.owner()).expect(200);

        JsonNode patched = patch(path, "{\"hourly_rate_cents\": null, \"skills\": null}", studio.owner())
                .expect(200)
                .json();
        assertThat(patched.get("hourly_rate_cents").isNull()).isTrue();
        assertThat(patched.get("skills").isEmpty()).isTrue();
        assertThat(patch(path, "{\"name\": null, \"password\": null}", studio.owner())
                        .invalidFields())
                .containsExactlyInAnyOrder("name", "password");
        assertThat(patch(path, "{\"role\": \"owner\"}", studio.owner()).invalidFields())
                .containsExactly("role");
        patch(path, json("name", "X"), new TestStudio(api).owner()).expect(404);
    }

    @Test
    void scheduleRuleClosureAndBufferFollowTheSameRules() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        String room = studio.room();
        String rule = api.post(
                        "/api/admin/schedule-rules",
                        json(
                                "target_type",
                                "room",
                                "target_id",
                                room,
                                "byweekday",
                                List.of(1),
                                "start_time",
                                "09:00",
                                "end_time",
                                "17:00",
                                "timezone",
                                "Europe/Paris",
                                "effective_to",
                                "2030-01-01"),
                        owner)
                .expect(201)
                .json()
                .get("id")
                .asString();
        JsonNode ruled = patch(
                        "/api/admin/schedule-rules/" + rule, "{\"effective_to\": null, \"timezone\": null}", owner)
                .expect(200)
                .json();
        assertThat(ruled.get("effective_to").isNull()).isTrue();
        assertThat(ruled.get("follows_studio_timezone").asBoolean()).isTrue();
        assertThat(ruled.get("start_time").asString()).isEqualTo("09:00");
        assertThat(patch("/api/admin/schedule-rules/" + rule, "{\"start_time\": null}", owner)
                        .invalidFields())
                .containsExactly("start_time");
        assertThat(patch("/api/admin/schedule-rules/" + rule, "{\"weekdays\": [1]}", owner)
                        .invalidFields())
                .containsExactly("weekdays");

        String closure = api.post(
                        "/api/admin/exceptions",
                        json(
                                "target_type",
                                "room",
                                "target_id",
                                room,
                                "start_at",
                                TestStudio.at(3, 10),
                                "end_at",
                                TestStudio.at(3, 12),
                                "reason",
                                "Rewiring"),
                        owner)
                .expect(201)
                .json()
                .get("id")
                .asString();
        JsonNode closed = patch("/api/admin/exceptions/" + closure, "{\"reason\": null}", owner)
                .expect(200)
                .json();
        assertThat(closed.get("reason").isNull()).isTrue();
        assertThat(closed.get("target_id").asString()).isEqualTo(room);
        assertThat(patch("/api/admin/exceptions/" + closure, "{\"end_at\": null}", owner)
                        .invalidFields())
                .containsExactly("end_at");
        assertThat(patch("/api/admin/exceptions/" + closure, "{\"end_at\": \"+999999999-01-01T00:00:00Z\"}", owner)
                        .expect(400)
                        .problem()
                        .field())
                .isEqualTo("end_at");
        assertThat(patch("/api/admin/exceptions/" + closure, "{\"why\": \"x\"}", owner)
                        .invalidFields())
                .containsExactly("why");

        String buffer = api.post(
                        "/api/admin/buffers",
                        json("scope", "room", "target_id", room, "before_min", 15, "after_min", 10),
                        owner)
                .expect(201)
                .json()
                .get("id")
                .asString();
        JsonNode buffered = patch("/api/admin/buffers/" + buffer, "{\"before_min\": null}", owner)
                .expect(200)
                .json();
        assertThat(buffered.get("before_min").asInt()).isZero();
        assertThat(buffered.get("after_min").asInt()).isEqualTo(10);
        assertThat(patch("/api/admin/buffers/" + buffer, "{\"scope\": null}", owner)
                        .invalidFields())
                .containsExactly("scope");
        assertThat(patch("/api/admin/buffers/" + buffer, "{\"after_min\": 99999999999}", owner)
                        .expect(400)
                        .problem()
                        .field())
                .isEqualTo("after_min");

        String theirs = new TestStudio(api).owner();
        patch("/api/admin/schedule-rules/" + rule, json("end_time", "18:00"), theirs)
                .expect(404);
        patch("/api/admin/exceptions/" + closure, json("reason", "x"), theirs).expect(404);
        patch("/api/admin/buffers/" + buffer, json("after_min", 1), theirs).expect(404);
    }

    @Test
    void settingsNullGoesBackToTheDefaultAndPutReplaces() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        patch("/api/admin/settings", json("tax_rate_bps", 1300, "hold_minutes", 30), owner)
                .expect(200);

        JsonNode patched = patch("/api/admin/settings", "{\"tax_rate_bps\": null}", owner)
                .expect(200)
                .json();
        assertThat(patched.get("tax_rate_bps").asInt()).isZero();
        assertThat(patched.get("hold_minutes").asInt()).isEqualTo(30);
        assertThat(patch("/api/admin/settings", "{\"timezone\": null}", owner).invalidFields())
                .containsExactly("timezone");
        assertThat(patch("/api/admin/settings", "{\"hold_time\": 5}", owner).invalidFields())
                .containsExactly("hold_time");

        assertThat(api.put("/api/admin/settings", json("hold_minutes", 20), owner)
                        .invalidFields())
                .containsExactlyInAnyOrder("name", "timezone", "currency");
        JsonNode replaced = api.put(
                        "/api/admin/settings",
                        json("name", "Replaced", "timezone", "Europe/Berlin", "currency", "EUR", "hold_minutes", 20),
                        owner)
                .expect(200)
                .json();
        assertThat(replaced.get("hold_minutes").asInt()).isEqualTo(20);
        assertThat(replaced.get("horizon_days").asInt()).isEqualTo(90);
    }

    @Test
    void eightParallelPatchesOfOneRoomLeaveAConsistentRow() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        String id = api.post("/api/admin/rooms", json("name", Api.unique("Race"), "capacity", 1), owner)
                .expect(201)
                .json()
                .get("id")
                .asString();
        String path = "/api/admin/rooms/" + id;

        // each request changes two fields together; a consistent row has both from the same request
        List<Response> answers = Parallel.send(
                8,
                i -> api.patch(
                        path, json("capacity", i + 1, "description", "request " + i, "tags", List.of("t" + i)), owner));

        assertThat(answers).allSatisfy(answer -> answer.expect(200));
        JsonNode row = api.get(path, owner).json();
        int winner = row.get("capacity").asInt() - 1;
        assertThat(row.get("description").asString()).isEqualTo("request " + winner);
        assertThat(row.get("tags").get(0).asString()).isEqualTo("t" + winner);
        assertThat(Audit.of(api, owner, "room", id).actions())
                .filteredOn("room.updated"::equals)
                .hasSize(8);
    }
}
