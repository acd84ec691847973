package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
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
        Response created = createRoom(Api.unique("Room A"), owner);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json()
                        .get("tags")
                        .valueStream()
                        .map(n -> n.asString())
                        .toList())
                .containsExactly("vocal", "live");
        assertThat(created.json().get("active").asBoolean()).isTrue();

        assertThat(api.get("/api/admin/rooms/" + id, owner)
                        .json()
                        .get("capacity")
                        .asInt())
                .isEqualTo(6);

        Response updated = api.put("/api/admin/rooms/" + id, json("capacity", 8, "active", false), owner);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("capacity").asInt()).isEqualTo(8);
        assertThat(updated.json().get("description").asString()).isEqualTo("Tracking room");
        assertThat(api.get("/api/rooms", null).body()).doesNotContain(id);
        assertThat(api.get("/api/admin/rooms", owner).body()).contains(id);

        assertThat(api.delete("/api/admin/rooms/" + id, owner).status()).isEqualTo(204);
        assertThat(api.get("/api/admin/rooms/" + id, owner).status()).isEqualTo(404);
    }

    @Test
    void everyChangeIsAudited() {
        String owner = api.ownerToken();
        String id = createRoom(Api.unique("Audited"), owner).json().get("id").asString();
        api.put("/api/admin/rooms/" + id, json("capacity", 9), owner);

        Response audit = api.get("/api/admin/audit?entity=room&entity_id=" + id, owner);

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("items").findValuesAsString("action"))
                .containsExactly("room.updated", "room.created");
        assertThat(audit.json().at("/items/0/diff/capacity/before").asInt()).isEqualTo(6);
        assertThat(audit.json().at("/items/0/diff/capacity/after").asInt()).isEqualTo(9);
        assertThat(audit.json().at("/items/0/actor").asString()).isEqualTo(Api.OWNER_EMAIL);
    }

    @Test
    void namesAreUniquePerStudio() {
        String name = Api.unique("Same");
        assertThat(createRoom(name, api.ownerToken()).status()).isEqualTo(201);
        assertThat(createRoom(name.toUpperCase(), api.ownerToken()).status()).isEqualTo(409);
        assertThat(createRoom(name, api.newStudio().ownerToken()).status()).isEqualTo(201);
    }

    @Test
    void invalidRoomsAreRefusedWithTheirFieldsNamed() {
        Response response =
                api.post("/api/admin/rooms", json("name", "", "capacity", -1, "color", "blue"), api.ownerToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "capacity", "color");
        assertThat(api.post("/api/admin/rooms", json("name", "X", "capacity", "many"), api.ownerToken())
                        .json()
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("capacity");
    }

    @Test
    void unknownAndMalformedIdsAre4xx() {
        assertThat(api.get("/api/admin/rooms/8d9b1c1e-0000-4000-8000-000000000000", api.ownerToken())
                        .status())
                .isEqualTo(404);
        Response malformed = api.get("/api/admin/rooms/not-a-uuid", api.ownerToken());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/errors/0/field").asString()).isEqualTo("id");
    }
}
