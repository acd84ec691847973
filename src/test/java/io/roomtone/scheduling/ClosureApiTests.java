package io.roomtone.scheduling;

import static io.roomtone.scheduling.Fixtures.UNKNOWN_ID;
import static io.roomtone.scheduling.Fixtures.fields;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RoomtoneTest
class ClosureApiTests {

    private static final String EXCEPTIONS = "/api/admin/exceptions";

    @Autowired
    Api api;

    private Response create(Object... fields) {
        return api.post(EXCEPTIONS, json(fields), api.ownerToken());
    }

    private String closure(String targetType, String targetId, String startAt, String endAt) {
        Response created = create(
                "target_type",
                targetType,
                "target_id",
                targetId,
                "start_at",
                startAt,
                "end_at",
                endAt,
                "reason",
                "Maintenance");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String list() {
        return api.get(EXCEPTIONS, api.ownerToken()).body();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesAnException() {
        String room = Fixtures.room(api, api.ownerToken());
        // the day the clocks go forward in North America: offsets on input, UTC on output
        Response created = create(
                "target_type",
                "room",
                "target_id",
                room,
                "start_at",
                "2026-03-08T10:00:00-05:00",
                "end_at",
                "2026-03-08T18:30:00+01:00",
                "reason",
                "Console repair");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("start_at").asString()).isEqualTo("2026-03-08T15:00:00Z");
        assertThat(created.json().get("end_at").asString()).isEqualTo("2026-03-08T17:30:00Z");
        assertThat(api.get(EXCEPTIONS + "/" + id, api.ownerToken()).json()).isEqualTo(created.json());

        Response updated = api.put(EXCEPTIONS + "/" + id, json("reason", "Console rebuild"), api.ownerToken());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("reason").asString()).isEqualTo("Console rebuild");
        assertThat(updated.json().get("start_at").asString()).isEqualTo("2026-03-08T15:00:00Z");
        assertThat(updated.json().get("target_id").asString()).isEqualTo(room);

        assertThat(api.delete(EXCEPTIONS + "/" + id, api.ownerToken()).status()).isEqualTo(204);
        assertThat(api.get(EXCEPTIONS + "/" + id, api.ownerToken()).status()).isEqualTo(404);
        assertThat(Fixtures.auditActions(api, "closure", id))
                .containsExactly("closure.deleted", "closure.updated", "closure.created");
        assertThat(Fixtures.audit(api, "closure", id)
                        .at("/items/1/diff/reason/before")
                        .asString())
                .isEqualTo("Console repair");
    }

    @Test
    void theListCanBeLimitedToAPeriod() {
        String early = closure("studio", null, "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z");
        String late = closure("studio", null, "2027-02-01T00:00:00Z", "2027-02-03T00:00:00Z");

        Response january = api.get(EXCEPTIONS + "?from=2026-12-31T12:00:00Z&to=2027-01-01T00:00:01Z", api.ownerToken());
        assertThat(january.json().findValuesAsString("id")).containsExactly(early);
        Response touching =
                api.get(EXCEPTIONS + "?from=2027-01-02T00:00:00Z&to=2027-02-01T00:00:00Z", api.ownerToken());
        assertThat(touching.json().findValuesAsString("id")).doesNotContain(early, late);
        assertThat(api.get(EXCEPTIONS + "?from=2027-02-02T00:00:00Z", api.ownerToken())
                        .json()
                        .findValuesAsString("id"))
                .containsExactly(late);
        assertThat(fields(api.get(EXCEPTIONS + "?from=2027-02-02T00:00:00Z&to=2027-02-01T00:00:00Z", api.ownerToken())))
                .containsExactly("to");
        assertThat(fields(api.get(EXCEPTIONS + "?from=yesterday", api.ownerToken())))
                .containsExactly("from");
    }

    @Test
    void invalidExceptionsAreRefusedWithEveryFieldNamedAndNothingWritten() {
        String before = list();

        assertThat(fields(create(
                        "target_type",
                        "room",
                        "start_at",
                        "2026-05-02T10:00:00Z",
                        "end_at",
                        "2026-05-01T10:00:00Z",
                        "reason",
                        "x".repeat(501))))
                .containsExactlyInAnyOrder("target_id", "end_at", "reason");
        assertThat(fields(create("reason", "none"))).containsExactlyInAnyOrder("target_type", "start_at", "end_at");
        assertThat(fields(create(
                        "target_type",
                        "studio",
                        "target_id",
                        UNKNOWN_ID,
                        "start_at",
                        "2026-01-01T00:00:00Z",
                        "end_at",
                        "2027-01-03T00:00:00Z")))
                .containsExactlyInAnyOrder("target_id", "end_at");
        assertThat(fields(create(
                        "target_type",
                        "staff",
                        "target_id",
                        UNKNOWN_ID,
                        "start_at",
                        "2026-01-01T00:00:00Z",
                        "end_at",
                        "2026-01-01T00:00:00Z")))
                .containsExactlyInAnyOrder("target_id", "end_at");

        assertThat(list()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheirField() {
        assertThat(fields(create("target_type", "moon"))).containsExactly("target_type");
        assertThat(fields(create("start_at", "next tuesday"))).containsExactly("start_at");
        assertThat(fields(create("start_at", "2026-03-08T10:00:00"))).containsExactly("start_at");
        assertThat(fields(create("end_at", 1_700_000_000))).containsExactly("end_at");
    }

    @Test
    void anotherStudiosRoomIsNotATarget() {
        String theirRoom = Fixtures.room(api, api.newStudio().ownerToken());

        assertThat(fields(create(
                        "target_type",
                        "room",
                        "target_id",
                        theirRoom,
                        "start_at",
                        "2026-05-01T10:00:00Z",
                        "end_at",
                        "2026-05-01T12:00:00Z")))
                .containsExactly("target_id");
    }

    @Test
    void anotherStudioCannotSeeOrChangeTheExceptions() {
        String id = closure("studio", null, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z");
        String theirs = api.newStudio().ownerToken();

        assertThat(api.get(EXCEPTIONS + "/" + id, theirs).status()).isEqualTo(404);
        assertThat(api.put(EXCEPTIONS + "/" + id, json("reason", "mine"), theirs)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(EXCEPTIONS + "/" + id, theirs).status()).isEqualTo(404);
        assertThat(api.get(EXCEPTIONS, theirs).body()).doesNotContain(id);
        assertThat(api.get(EXCEPTIONS + "/" + id, api.ownerToken())
                        .json()
                        .get("reason")
                        .asString())
                .isEqualTo("Maintenance");
    }

    @Test
    void unknownIdsAre404() {
        String owner = api.ownerToken();
        assertThat(api.get(EXCEPTIONS + "/" + UNKNOWN_ID, owner).status()).isEqualTo(404);
        assertThat(api.put(EXCEPTIONS + "/" + UNKNOWN_ID, json("reason", "x"), owner)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(EXCEPTIONS + "/" + UNKNOWN_ID, owner).status()).isEqualTo(404);
    }

    @Test
    void deletingARoomDeletesItsExceptions() {
        String room = Fixtures.room(api, api.ownerToken());
        String id = closure("room", room, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z");
        String studioWide = closure("studio", null, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z");

        assertThat(api.delete("/api/admin/rooms/" + room, api.ownerToken()).status())
                .isEqualTo(204);

        assertThat(api.get(EXCEPTIONS + "/" + id, api.ownerToken()).status()).isEqualTo(404);
        assertThat(api.get(EXCEPTIONS + "/" + studioWide, api.ownerToken()).status())
                .isEqualTo(200);
    }

    @Test
    void onlyAdminsMayUseTheRoutes() {
        Fixtures.adminOnly(
                api,
                json("target_type", "studio"),
                "GET " + EXCEPTIONS,
                "POST " + EXCEPTIONS,
                "GET " + EXCEPTIONS + "/" + UNKNOWN_ID,
                "PUT " + EXCEPTIONS + "/" + UNKNOWN_ID,
                "DELETE " + EXCEPTIONS + "/" + UNKNOWN_ID);
    }
}
