package io.roomtone.scheduling;

import static io.roomtone.support.Api.UNKNOWN_ID;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Audit;
import io.roomtone.support.Callers;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
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
        created.expect(201);
        return created.json().get("id").asString();
    }

    private String list() {
        return api.get(EXCEPTIONS, api.ownerToken()).body();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesAnException() {
        String room = TestStudio.defaultStudio(api).room();
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

        created.expect(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("start_at").asString()).isEqualTo("2026-03-08T15:00:00Z");
        assertThat(created.json().get("end_at").asString()).isEqualTo("2026-03-08T17:30:00Z");
        assertThat(api.get(EXCEPTIONS + "/" + id, api.ownerToken()).json()).isEqualTo(created.json());

        Response updated = api.patch(EXCEPTIONS + "/" + id, json("reason", "Console rebuild"), api.ownerToken());
        updated.expect(200);
        assertThat(updated.json().get("reason").asString()).isEqualTo("Console rebuild");
        assertThat(updated.json().get("start_at").asString()).isEqualTo("2026-03-08T15:00:00Z");
        assertThat(updated.json().get("target_id").asString()).isEqualTo(room);

        api.delete(EXCEPTIONS + "/" + id, api.ownerToken()).expect(204);
        api.get(EXCEPTIONS + "/" + id, api.ownerToken()).expect(404);
        assertThat(Audit.of(api, "closure", id).actions())
                .containsExactly("closure.deleted", "closure.updated", "closure.created");
        assertThat(Audit.raw(api, api.ownerToken(), "closure", id)
                        .json()
                        .at("/items/1/diff/reason/before")
                        .asString())
                .isEqualTo("Console repair");
    }

    @Test
    void theListCanBeLimitedToAPeriod() {
        String early = closure("studio", null, "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z");
        String late = closure("studio", null, "2027-02-01T00:00:00Z", "2027-02-03T00:00:00Z");

        Response january = api.get(EXCEPTIONS + "?from=2026-12-31T12:00:00Z&to=2027-01-01T00:00:01Z", api.ownerToken());
        // the default studio is shared with other test classes: only these two closures are known
        assertThat(january.json().findValuesAsString("id")).contains(early).doesNotContain(late);
        Response touching =
                api.get(EXCEPTIONS + "?from=2027-01-02T00:00:00Z&to=2027-02-01T00:00:00Z", api.ownerToken());
        assertThat(touching.json().findValuesAsString("id")).doesNotContain(early, late);
        assertThat(api.get(EXCEPTIONS + "?from=2027-02-02T00:00:00Z", api.ownerToken())
                        .json()
                        .findValuesAsString("id"))
                .contains(late)
                .doesNotContain(early);
        assertThat(api.get(EXCEPTIONS + "?from=2027-02-02T00:00:00Z&to=2027-02-01T00:00:00Z", api.ownerToken())
                        .invalidFields())
                .containsExactly("to");
        assertThat(api.get(EXCEPTIONS + "?from=yesterday", api.ownerToken()).invalidFields())
                .containsExactly("from");
    }

    @Test
    void invalidExceptionsAreRefusedWithEveryFieldNamedAndNothingWritten() {
        String before = list();

        assertThat(create(
                                "target_type",
                                "room",
                                "start_at",
                                "2026-05-02T10:00:00Z",
                                "end_at",
                                "2026-05-01T10:00:00Z",
                                "reason",
                                "x".repeat(501))
                        .invalidFields())
                .containsExactlyInAnyOrder("target_id", "end_at", "reason");
        assertThat(create("reason", "none").invalidFields())
                .containsExactlyInAnyOrder("target_type", "start_at", "end_at");
        assertThat(create(
                                "target_type",
                                "studio",
                                "target_id",
                                UNKNOWN_ID,
                                "start_at",
                                "2026-01-01T00:00:00Z",
                                "end_at",
                                "2027-01-03T00:00:00Z")
                        .invalidFields())
                .containsExactlyInAnyOrder("target_id", "end_at");
        assertThat(create(
                                "target_type",
                                "staff",
                                "target_id",
                                UNKNOWN_ID,
                                "start_at",
                                "2026-01-01T00:00:00Z",
                                "end_at",
                                "2026-01-01T00:00:00Z")
                        .invalidFields())
                .containsExactlyInAnyOrder("target_id", "end_at");

        assertThat(list()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheirField() {
        assertThat(create("target_type", "moon").invalidFields()).containsExactly("target_type");
        assertThat(create("start_at", "next tuesday").invalidFields()).containsExactly("start_at");
        assertThat(create("start_at", "2026-03-08T10:00:00").invalidFields()).containsExactly("start_at");
        assertThat(create("end_at", 1_700_000_000).invalidFields()).containsExactly("end_at");
    }

    @Test
    void anotherStudiosRoomIsNotATarget() {
        String theirRoom = new TestStudio(api).room();

        assertThat(create(
                                "target_type",
                                "room",
                                "target_id",
                                theirRoom,
                                "start_at",
                                "2026-05-01T10:00:00Z",
                                "end_at",
                                "2026-05-01T12:00:00Z")
                        .invalidFields())
                .containsExactly("target_id");
    }

    @Test
    void anotherStudioCannotSeeOrChangeTheExceptions() {
        String id = closure("studio", null, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z");
        String theirs = api.newStudio().ownerToken();

        api.get(EXCEPTIONS + "/" + id, theirs).expect(404);
        api.patch(EXCEPTIONS + "/" + id, json("reason", "mine"), theirs).expect(404);
        api.delete(EXCEPTIONS + "/" + id, theirs).expect(404);
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
        api.get(EXCEPTIONS + "/" + UNKNOWN_ID, owner).expect(404);
        api.patch(EXCEPTIONS + "/" + UNKNOWN_ID, json("reason", "x"), owner).expect(404);
        api.delete(EXCEPTIONS + "/" + UNKNOWN_ID, owner).expect(404);
    }

    @Test
    void deletingARoomDeletesItsExceptions() {
        String room = TestStudio.defaultStudio(api).room();
        String id = closure("room", room, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z");
        String studioWide = closure("studio", null, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z");

        api.delete("/api/admin/rooms/" + room, api.ownerToken()).expect(204);

        api.get(EXCEPTIONS + "/" + id, api.ownerToken()).expect(404);
        api.get(EXCEPTIONS + "/" + studioWide, api.ownerToken()).expect(200);
    }

    @Test
    void onlyAdminsMayUseTheRoutes() {
        Callers.assertAdminOnly(
                api,
                json("target_type", "studio"),
                "GET " + EXCEPTIONS,
                "POST " + EXCEPTIONS,
                "GET " + EXCEPTIONS + "/" + UNKNOWN_ID,
                "PUT " + EXCEPTIONS + "/" + UNKNOWN_ID,
                "DELETE " + EXCEPTIONS + "/" + UNKNOWN_ID);
    }
}
