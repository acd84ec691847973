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
class BufferApiTests {

    private static final String BUFFERS = "/api/admin/buffers";

    @Autowired
    Api api;

    private Response create(Object... fields) {
        return api.post(BUFFERS, json(fields), api.ownerToken());
    }

    private String buffer(String room) {
        Response created = create("scope", "room", "target_id", room, "before_min", 15, "after_min", 30);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String list() {
        return api.get(BUFFERS, api.ownerToken()).body();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesABuffer() {
        String room = Fixtures.room(api, api.ownerToken());
        String id = buffer(room);

        Response read = api.get(BUFFERS + "/" + id, api.ownerToken());
        assertThat(read.json().get("scope").asString()).isEqualTo("room");
        assertThat(read.json().get("target_id").asString()).isEqualTo(room);
        assertThat(read.json().get("before_min").asInt()).isEqualTo(15);
        assertThat(read.json().get("after_min").asInt()).isEqualTo(30);
        assertThat(read.json().propertyNames())
                .containsExactlyInAnyOrder("id", "scope", "target_id", "before_min", "after_min");
        assertThat(list()).contains(id);

        Response updated = api.put(BUFFERS + "/" + id, json("after_min", 45), api.ownerToken());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("after_min").asInt()).isEqualTo(45);
        assertThat(updated.json().get("before_min").asInt()).isEqualTo(15);

        assertThat(api.delete(BUFFERS + "/" + id, api.ownerToken()).status()).isEqualTo(204);
        assertThat(api.get(BUFFERS + "/" + id, api.ownerToken()).status()).isEqualTo(404);
        assertThat(Fixtures.auditActions(api, "buffer_rule", id))
                .containsExactly("buffer_rule.deleted", "buffer_rule.updated", "buffer_rule.created");
        assertThat(Fixtures.audit(api, "buffer_rule", id)
                        .at("/items/1/diff/after_min/after")
                        .asInt())
                .isEqualTo(45);
    }

    @Test
    void minutesDefaultToZero() {
        Response created = create("scope", "room", "target_id", Fixtures.room(api, api.ownerToken()));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("before_min").asInt()).isZero();
        assertThat(created.json().get("after_min").asInt()).isZero();
    }

    @Test
    void aTargetHasOneBufferRule() {
        String room = Fixtures.room(api, api.ownerToken());
        buffer(room);

        Response duplicate = create("scope", "room", "target_id", room, "after_min", 5);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asString()).isEqualTo("conflict");

        String other = buffer(Fixtures.room(api, api.ownerToken()));
        Response moved = api.put(BUFFERS + "/" + other, json("target_id", room), api.ownerToken());
        assertThat(moved.status()).isEqualTo(409);
    }

    @Test
    void invalidBuffersAreRefusedWithEveryFieldNamedAndNothingWritten() {
        String before = list();

        assertThat(fields(create("before_min", -1, "after_min", 1441)))
                .containsExactlyInAnyOrder("scope", "target_id", "before_min", "after_min");
        assertThat(fields(create("scope", "service", "target_id", UNKNOWN_ID))).containsExactly("target_id");
        assertThat(fields(create("scope", "staff", "target_id", UNKNOWN_ID))).containsExactly("target_id");
        String room = Fixtures.room(api, api.ownerToken());
        assertThat(fields(create("scope", "service", "target_id", room))).containsExactly("target_id");

        assertThat(list()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheirField() {
        assertThat(fields(create("scope", "moon"))).containsExactly("scope");
        assertThat(fields(create("scope", "studio"))).containsExactly("scope");
        assertThat(fields(create("before_min", "ten"))).containsExactly("before_min");
        assertThat(fields(create("after_min", "30"))).containsExactly("after_min");
        assertThat(fields(create("target_id", 7))).containsExactly("target_id");
    }

    @Test
    void anUpdateIsCheckedAndWritesNothingWhenInvalid() {
        String id = buffer(Fixtures.room(api, api.ownerToken()));

        assertThat(fields(api.put(BUFFERS + "/" + id, json("before_min", -5, "after_min", 2000), api.ownerToken())))
                .containsExactlyInAnyOrder("before_min", "after_min");
        assertThat(api.get(BUFFERS + "/" + id, api.ownerToken())
                        .json()
                        .get("before_min")
                        .asInt())
                .isEqualTo(15);
    }

    @Test
    void anotherStudiosRoomIsNotATarget() {
        String theirRoom = Fixtures.room(api, api.newStudio().ownerToken());

        assertThat(fields(create("scope", "room", "target_id", theirRoom))).containsExactly("target_id");
    }

    @Test
    void anotherStudioCannotSeeOrChangeTheBuffers() {
        String id = buffer(Fixtures.room(api, api.ownerToken()));
        String theirs = api.newStudio().ownerToken();

        assertThat(api.get(BUFFERS + "/" + id, theirs).status()).isEqualTo(404);
        assertThat(api.put(BUFFERS + "/" + id, json("before_min", 0), theirs).status())
                .isEqualTo(404);
        assertThat(api.delete(BUFFERS + "/" + id, theirs).status()).isEqualTo(404);
        assertThat(api.get(BUFFERS, theirs).body()).doesNotContain(id);
        assertThat(api.get(BUFFERS + "/" + id, api.ownerToken()).status()).isEqualTo(200);
    }

    @Test
    void unknownIdsAre404() {
        String owner = api.ownerToken();
        assertThat(api.get(BUFFERS + "/" + UNKNOWN_ID, owner).status()).isEqualTo(404);
        assertThat(api.put(BUFFERS + "/" + UNKNOWN_ID, json("before_min", 1), owner)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(BUFFERS + "/" + UNKNOWN_ID, owner).status()).isEqualTo(404);
    }

    @Test
    void deletingARoomDeletesItsBuffer() {
        String room = Fixtures.room(api, api.ownerToken());
        String id = buffer(room);

        assertThat(api.delete("/api/admin/rooms/" + room, api.ownerToken()).status())
                .isEqualTo(204);

        assertThat(api.get(BUFFERS + "/" + id, api.ownerToken()).status()).isEqualTo(404);
        assertThat(Fixtures.auditActions(api, "buffer_rule", id)).first().isEqualTo("buffer_rule.deleted");
    }

    @Test
    void onlyAdminsMayUseTheRoutes() {
        Fixtures.adminOnly(
                api,
                json("scope", "room"),
                "GET " + BUFFERS,
                "POST " + BUFFERS,
                "GET " + BUFFERS + "/" + UNKNOWN_ID,
                "PUT " + BUFFERS + "/" + UNKNOWN_ID,
                "DELETE " + BUFFERS + "/" + UNKNOWN_ID);
    }
}
