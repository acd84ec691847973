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
class BufferApiTests {

    private static final String BUFFERS = "/api/admin/buffers";

    @Autowired
    Api api;

    private Response create(Object... fields) {
        return api.post(BUFFERS, json(fields), api.ownerToken());
    }

    private String buffer(String room) {
        Response created = create("scope", "room", "target_id", room, "before_min", 15, "after_min", 30);
        created.expect(201);
        return created.json().get("id").asString();
    }

    private String list() {
        return api.get(BUFFERS, api.ownerToken()).body();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesABuffer() {
        String room = TestStudio.defaultStudio(api).room();
        String id = buffer(room);

        Response read = api.get(BUFFERS + "/" + id, api.ownerToken());
        assertThat(read.json().get("scope").asString()).isEqualTo("room");
        assertThat(read.json().get("target_id").asString()).isEqualTo(room);
        assertThat(read.json().get("before_min").asInt()).isEqualTo(15);
        assertThat(read.json().get("after_min").asInt()).isEqualTo(30);
        assertThat(read.json().propertyNames())
                .containsExactlyInAnyOrder("id", "scope", "target_id", "before_min", "after_min");
        assertThat(list()).contains(id);

        Response updated = api.patch(BUFFERS + "/" + id, json("after_min", 45), api.ownerToken());
        updated.expect(200);
        assertThat(updated.json().get("after_min").asInt()).isEqualTo(45);
        assertThat(updated.json().get("before_min").asInt()).isEqualTo(15);

        api.delete(BUFFERS + "/" + id, api.ownerToken()).expect(204);
        api.get(BUFFERS + "/" + id, api.ownerToken()).expect(404);
        assertThat(Audit.of(api, "buffer_rule", id).actions())
                .containsExactly("buffer_rule.deleted", "buffer_rule.updated", "buffer_rule.created");
        assertThat(Audit.raw(api, api.ownerToken(), "buffer_rule", id)
                        .json()
                        .at("/items/1/diff/after_min/after")
                        .asInt())
                .isEqualTo(45);
    }

    @Test
    void minutesDefaultToZero() {
        Response created = create(
                "scope", "room", "target_id", TestStudio.defaultStudio(api).room());

        created.expect(201);
        assertThat(created.json().get("before_min").asInt()).isZero();
        assertThat(created.json().get("after_min").asInt()).isZero();
    }

    @Test
    void aTargetHasOneBufferRule() {
        String room = TestStudio.defaultStudio(api).room();
        buffer(room);

        Response duplicate = create("scope", "room", "target_id", room, "after_min", 5);
        duplicate.expect(409);
        assertThat(duplicate.problem().code()).isEqualTo("conflict");

        String other = buffer(TestStudio.defaultStudio(api).room());
        Response moved = api.patch(BUFFERS + "/" + other, json("target_id", room), api.ownerToken());
        moved.expect(409);
    }

    @Test
    void invalidBuffersAreRefusedWithEveryFieldNamedAndNothingWritten() {
        String before = list();

        assertThat(create("before_min", -1, "after_min", 1441).invalidFields())
                .containsExactlyInAnyOrder("scope", "target_id", "before_min", "after_min");
        assertThat(create("scope", "service", "target_id", UNKNOWN_ID).invalidFields())
                .containsExactly("target_id");
        assertThat(create("scope", "staff", "target_id", UNKNOWN_ID).invalidFields())
                .containsExactly("target_id");
        String room = TestStudio.defaultStudio(api).room();
        assertThat(create("scope", "service", "target_id", room).invalidFields())
                .containsExactly("target_id");

        assertThat(list()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheirField() {
        assertThat(create("scope", "moon").invalidFields()).containsExactly("scope");
        assertThat(create("scope", "studio").invalidFields()).containsExactly("scope");
        assertThat(create("before_min", "ten").invalidFields()).containsExactly("before_min");
        assertThat(create("after_min", "30").invalidFields()).containsExactly("after_min");
        assertThat(create("target_id", 7).invalidFields()).containsExactly("target_id");
    }

    @Test
    void anUpdateIsCheckedAndWritesNothingWhenInvalid() {
        String id = buffer(TestStudio.defaultStudio(api).room());

        assertThat(api.patch(BUFFERS + "/" + id, json("before_min", -5, "after_min", 2000), api.ownerToken())
                        .invalidFields())
                .containsExactlyInAnyOrder("before_min", "after_min");
        assertThat(api.get(BUFFERS + "/" + id, api.ownerToken())
                        .json()
                        .get("before_min")
                        .asInt())
                .isEqualTo(15);
    }

    @Test
    void anotherStudiosRoomIsNotATarget() {
        String theirRoom = new TestStudio(api).room();

        assertThat(create("scope", "room", "target_id", theirRoom).invalidFields())
                .containsExactly("target_id");
    }

    @Test
    void anotherStudioCannotSeeOrChangeTheBuffers() {
        String id = buffer(TestStudio.defaultStudio(api).room());
        String theirs = api.newStudio().ownerToken();

        api.get(BUFFERS + "/" + id, theirs).expect(404);
        api.patch(BUFFERS + "/" + id, json("before_min", 0), theirs).expect(404);
        api.delete(BUFFERS + "/" + id, theirs).expect(404);
        assertThat(api.get(BUFFERS, theirs).body()).doesNotContain(id);
        api.get(BUFFERS + "/" + id, api.ownerToken()).expect(200);
    }

    @Test
    void unknownIdsAre404() {
        String owner = api.ownerToken();
        api.get(BUFFERS + "/" + UNKNOWN_ID, owner).expect(404);
        api.patch(BUFFERS + "/" + UNKNOWN_ID, json("before_min", 1), owner).expect(404);
        api.delete(BUFFERS + "/" + UNKNOWN_ID, owner).expect(404);
    }

    @Test
    void deletingARoomDeletesItsBuffer() {
        String room = TestStudio.defaultStudio(api).room();
        String id = buffer(room);

        api.delete("/api/admin/rooms/" + room, api.ownerToken()).expect(204);

        api.get(BUFFERS + "/" + id, api.ownerToken()).expect(404);
        // the database deletes it with the room (a cascading foreign key): the room's deletion is audited
        assertThat(Audit.of(api, "room", room).actions()).first().isEqualTo("room.deleted");
    }

    @Test
    void onlyAdminsMayUseTheRoutes() {
        Callers.assertAdminOnly(
                api,
                json("scope", "room"),
                "GET " + BUFFERS,
                "POST " + BUFFERS,
                "GET " + BUFFERS + "/" + UNKNOWN_ID,
                "PUT " + BUFFERS + "/" + UNKNOWN_ID,
                "DELETE " + BUFFERS + "/" + UNKNOWN_ID);
    }
}
