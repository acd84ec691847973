package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomView;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RoomtoneTest
class RoomApiTests {

    @Autowired
    Api api;

    private Response createRoom(String name, String token) {
        return api.post(
                "/api/admin/rooms",
                json(
                        "name",
                        name,
                        "description",
                        "Tracking room",
                        "capacity",
                        6,
                        "tags",
                        List.of("Vocal", " live ", "vocal"),
                        "equipment",
                        List.of("Neve 1073", "U87"),
                        "color",
                        "#3366ff"),
                token);
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesARoom() {
        String owner = api.ownerToken();
        RoomView created = createRoom(Api.unique("Room A"), owner).expect(201).as(RoomView.class);
        String id = created.id();
        assertThat(created.tags()).containsExactly("vocal", "live");
        assertThat(created.active()).isTrue();

        assertThat(api.get("/api/admin/rooms/" + id, owner)
                        .expect(200)
                        .as(RoomView.class)
                        .capacity())
                .isEqualTo(6);

        RoomView updated = api.patch("/api/admin/rooms/" + id, json("capacity", 8, "active", false), owner)
                .expect(200)
                .as(RoomView.class);
        assertThat(updated.capacity()).isEqualTo(8);
        assertThat(updated.description()).isEqualTo("Tracking room");
        assertThat(api.get("/api/rooms", null).body()).doesNotContain(id);
        assertThat(api.get("/api/admin/rooms", owner).body()).contains(id);

        api.delete("/api/admin/rooms/" + id, owner).expect(204);
        api.get("/api/admin/rooms/" + id, owner).expect(404);
    }

    @Test
    void everyChangeIsAudited() {
        String owner = api.ownerToken();
        String id = createRoom(Api.unique("Audited"), owner).json().get("id").asString();
        api.patch("/api/admin/rooms/" + id, json("capacity", 9), owner);

        Response audit = api.get("/api/admin/audit?entity=room&entity_id=" + id, owner);

        audit.expect(200);
        assertThat(audit.json().get("items").findValuesAsString("action"))
                .containsExactly("room.updated", "room.created");
        assertThat(audit.json().at("/items/0/diff/capacity/before").asInt()).isEqualTo(6);
        assertThat(audit.json().at("/items/0/diff/capacity/after").asInt()).isEqualTo(9);
        assertThat(audit.json().at("/items/0/actor").asString()).isEqualTo(Api.OWNER_EMAIL);
    }

    @Test
    void namesAreUniquePerStudio() {
        String name = Api.unique("Same");
        createRoom(name, api.ownerToken()).expect(201);
        createRoom(name.toUpperCase(), api.ownerToken()).expect(409);
        createRoom(name, api.newStudio().ownerToken()).expect(201);
    }

    @Test
    void invalidRoomsAreRefusedWithTheirFieldsNamed() {
        Response response =
                api.post("/api/admin/rooms", json("name", "", "capacity", -1, "color", "blue"), api.ownerToken());

        response.expect(400);
        assertThat(response.problem().fields()).containsExactlyInAnyOrder("name", "capacity", "color");
        assertThat(api.post("/api/admin/rooms", json("name", "X", "capacity", "many"), api.ownerToken())
                        .problem()
                        .field())
                .isEqualTo("capacity");
    }

    @Test
    void unknownAndMalformedIdsAre4xx() {
        api.get("/api/admin/rooms/8d9b1c1e-0000-4000-8000-000000000000", api.ownerToken())
                .expect(404);
        Response malformed = api.get("/api/admin/rooms/not-a-uuid", api.ownerToken());
        malformed.expect(400);
        assertThat(malformed.problem().field()).isEqualTo("id");
    }
}
