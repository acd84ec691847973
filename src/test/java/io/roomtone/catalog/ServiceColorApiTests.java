package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A service's board colour and its bound on bookings a day, through {@code /api/admin/services}. */
@RoomtoneTest
class ServiceColorApiTests {

    private static final List<Object> BAD_COLOURS = List.of("red", "#12345", "#gggggg", "", "#1234567", 3366);

    @Autowired
    Api api;

    private String create(Object... more) {
        Object[] base = {"name", Api.unique("Colour"), "default_duration_min", 60, "base_price_cents", 5_000};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return api.post("/api/admin/services", json(all), api.ownerToken())
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private Response get(String id) {
        return api.get("/api/admin/services/" + id, api.ownerToken()).expect(200);
    }

    private List<String> auditActions(String id) {
        return api.get("/api/admin/audit?entity=service&entity_id=" + id, api.ownerToken())
                .json()
                .get("items")
                .findValuesAsString("action");
    }

    @Test
    void aColourIsSetOnCreateChangedByPatchAndClearedWithNull() {
        String owner = api.ownerToken();
        String id = create("color", "#3366FF");
        assertThat(get(id).json().get("color").asString()).isEqualTo("#3366ff");

        api.patch("/api/admin/services/" + id, json("color", "#ffcc00"), owner).expect(200);
        assertThat(get(id).json().get("color").asString()).isEqualTo("#ffcc00");

        // a patch without the colour keeps it
        api.patch("/api/admin/services/" + id, json("default_duration_min", 90), owner)
                .expect(200);
        assertThat(get(id).json().get("color").asString()).isEqualTo("#ffcc00");

        Response cleared = api.patch("/api/admin/services/" + id, json("color", null), owner);
        cleared.expect(200);
        assertThat(cleared.json().get("color").isNull()).isTrue();
        assertThat(get(id).json().get("color").isNull()).isTrue();
    }

    @Test
    void aReplacingPutWithoutTheColourClearsIt() {
        String id = create("color", "#1d7a46");
        api.put(
                        "/api/admin/services/" + id,
                        json("name", Api.unique("Replaced"), "default_duration_min", 60, "base_price_cents", 100),
                        api.ownerToken())
                .expect(200);
        assertThat(get(id).json().get("color").isNull()).isTrue();
    }

    @Test
    void aServiceWithoutAColourHasNone() {
        assertThat(get(create()).json().get("color").isNull()).isTrue();
    }

    @Test
    void badColoursAreRefusedNamingTheFieldAndNothingIsWritten() {
        String owner = api.ownerToken();
        String id = create("color", "#123456");
        for (Object bad : BAD_COLOURS) {
            String name = Api.unique("Bad colour");
            Response created = api.post(
                    "/api/admin/services",
                    json("name", name, "default_duration_min", 60, "base_price_cents", 1, "color", bad),
                    owner);
            assertThat(created.status()).as("create with %s", bad).isEqualTo(400);
            assertThat(created.problem().fields()).as("create with %s", bad).containsExactly("color");
            assertThat(api.get("/api/admin/services", owner).body()).doesNotContain(name);

            Response patched = api.patch("/api/admin/services/" + id, json("color", bad), owner);
            assertThat(patched.status()).as("patch with %s", bad).isEqualTo(400);
            assertThat(patched.problem().fields()).as("patch with %s", bad).containsExactly("color");
        }
        assertThat(get(id).json().get("color").asString()).isEqualTo("#123456");
        assertThat(auditActions(id)).containsExactly("service.created");
    }

    @Test
    void aRoomCreatedWithAnEmptyColourHasNoneRatherThanBreakingTheDatabaseCheck() {
        Response room = api.post("/api/admin/rooms", json("name", Api.unique("Room"), "color", ""), api.ownerToken());
        room.expect(201);
        assertThat(room.json().get("color").isNull()).isTrue();
        api.post("/api/admin/rooms", json("name", Api.unique("Room"), "color", "#gggggg"), api.ownerToken())
                .expect(400);
    }

    @Test
    void theOpenApiDescriptionDocumentsTheColourPattern() {
        Response docs = api.get("/v3/api-docs", null).expect(200);
        for (String schema : List.of("Service", "ServiceDraft")) {
            assertThat(docs.json()
                            .at("/components/schemas/" + schema + "/properties/color/pattern")
                            .asString())
                    .as(schema)
                    .isEqualTo("^#[0-9a-fA-F]{6}$");
        }
    }

    @Test
    void maxPerDayIsBetweenOneAndAThousand() {
        String owner = api.ownerToken();
        String id = create("max_per_day", 1000);
        assertThat(get(id).json().get("max_per_day").asInt()).isEqualTo(1000);
        api.patch("/api/admin/services/" + id, json("max_per_day", 1), owner).expect(200);

        for (Object bad : List.<Object>of(1001, 0, -1, Integer.MAX_VALUE)) {
            Response patched = api.patch("/api/admin/services/" + id, json("max_per_day", bad), owner);
            assertThat(patched.status()).as("patch with %s", bad).isEqualTo(400);
            assertThat(patched.problem().fields()).as("patch with %s", bad).containsExactly("max_per_day");
            assertThat(patched.problem().message()).as("patch with %s", bad).contains("between 1 and 1000");

            String name = Api.unique("Too many");
            Response created = api.post(
                    "/api/admin/services",
                    json("name", name, "default_duration_min", 60, "base_price_cents", 1, "max_per_day", bad),
                    owner);
            assertThat(created.status()).as("create with %s", bad).isEqualTo(400);
            assertThat(created.problem().fields()).as("create with %s", bad).containsExactly("max_per_day");
            assertThat(api.get("/api/admin/services", owner).body()).doesNotContain(name);
        }
        assertThat(get(id).json().get("max_per_day").asInt()).isEqualTo(1);
    }

    @Test
    void aMaxPerDayPastWhatANumberHoldsIsA400NamingTheField() {
        String owner = api.ownerToken();
        String id = create("max_per_day", 5);
        String name = Api.unique("Huge");
        for (Object huge : List.<Object>of(Long.MAX_VALUE, new java.math.BigInteger("99999999999999999999999"))) {
            Response created = api.post(
                    "/api/admin/services",
                    json("name", name, "default_duration_min", 60, "base_price_cents", 1, "max_per_day", huge),
                    owner);
            assertThat(created.status()).as("create with %s", huge).isEqualTo(400);
            assertThat(created.problem().fields()).as("create with %s", huge).containsExactly("max_per_day");

            Response patched = api.patch("/api/admin/services/" + id, json("max_per_day", huge), owner);
            assertThat(patched.status()).as("patch with %s", huge).isEqualTo(400);
            assertThat(patched.problem().fields()).as("patch with %s", huge).containsExactly("max_per_day");
        }
        assertThat(api.get("/api/admin/services", owner).body()).doesNotContain(name);
        assertThat(get(id).json().get("max_per_day").asInt()).isEqualTo(5);
        assertThat(auditActions(id)).containsExactly("service.created");
    }
}
