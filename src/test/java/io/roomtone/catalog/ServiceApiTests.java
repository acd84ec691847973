package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RoomtoneTest
class ServiceApiTests {

    private static final String UNKNOWN_ID = "8d9b1c1e-0000-4000-8000-000000000000";

    @Autowired
    Api api;

    private Response createService(String name, String token) {
        return api.post(
                "/api/admin/services",
                json(
                        "name",
                        name,
                        "description",
                        "Tracking with an engineer",
                        "default_duration_min",
                        60,
                        "base_price_cents",
                        12_500,
                        "pricing_model",
                        "per_block",
                        "requires_engineer",
                        true,
                        "room_tags",
                        List.of("Live", " vocal ", "live"),
                        "staff_skill_required",
                        " Mixing "),
                token);
    }

    private String createdId(String name) {
        Response created = createService(name, api.ownerToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesAService() {
        String owner = api.ownerToken();
        Response created = createService(Api.unique("Tracking"), owner);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(CatalogFixtures.strings(created, "room_tags")).containsExactly("live", "vocal");
        assertThat(created.json().get("staff_skill_required").asString()).isEqualTo("mixing");
        assertThat(created.json().get("pricing_model").asString()).isEqualTo("per_block");
        assertThat(created.json().get("base_price_cents").asLong()).isEqualTo(12_500);
        assertThat(created.json().get("currency").asString()).isEqualTo("CAD");
        assertThat(created.json().get("is_addon").asBoolean()).isFalse();
        assertThat(created.json().get("max_per_day").isNull()).isTrue();
        assertThat(created.json().get("active").asBoolean()).isTrue();

        assertThat(api.get("/api/admin/services/" + id, owner)
                        .json()
                        .get("default_duration_min")
                        .asInt())
                .isEqualTo(60);

        Response updated = api.put(
                "/api/admin/services/" + id,
                json("base_price_cents", 5_000_000_000L, "pricing_model", "fixed", "is_addon", true, "max_per_day", 2),
                owner);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("base_price_cents").asLong()).isEqualTo(5_000_000_000L);
        assertThat(updated.json().get("pricing_model").asString()).isEqualTo("fixed");
        assertThat(updated.json().get("is_addon").asBoolean()).isTrue();
        assertThat(updated.json().get("max_per_day").asInt()).isEqualTo(2);
        assertThat(updated.json().get("description").asString()).isEqualTo("Tracking with an engineer");
        assertThat(updated.json().get("staff_skill_required").asString()).isEqualTo("mixing");

        Response cleared = api.put("/api/admin/services/" + id, json("staff_skill_required", ""), owner);
        assertThat(cleared.json().get("staff_skill_required").isNull()).isTrue();
        assertThat(api.get("/api/admin/services", owner).body()).contains(id);

        assertThat(api.delete("/api/admin/services/" + id, owner).status()).isEqualTo(204);
        assertThat(api.get("/api/admin/services/" + id, owner).status()).isEqualTo(404);
        assertThat(api.get("/api/admin/services", owner).body()).doesNotContain(id);
    }

    @Test
    void everyChangeIsAudited() {
        String owner = api.ownerToken();
        String id = createdId(Api.unique("Audited"));
        api.put("/api/admin/services/" + id, json("default_duration_min", 90), owner);
        api.delete("/api/admin/services/" + id, owner);

        Response audit = api.get("/api/admin/audit?entity=service&entity_id=" + id, owner);

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("items").findValuesAsString("action"))
                .containsExactly("service.deleted", "service.updated", "service.created");
        assertThat(audit.json().at("/items/1/diff/default_duration_min/before").asInt())
                .isEqualTo(60);
        assertThat(audit.json().at("/items/1/diff/default_duration_min/after").asInt())
                .isEqualTo(90);
        assertThat(audit.json().at("/items/2/actor").asString()).isEqualTo(Api.OWNER_EMAIL);
    }

    @Test
    void publicListShowsOnlyActiveServices() {
        String active = createdId(Api.unique("Open"));
        String inactive = createdId(Api.unique("Hidden"));
        api.put("/api/admin/services/" + inactive, json("active", false), api.ownerToken());

        Response list = api.get("/api/services", null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(active).doesNotContain(inactive);
        assertThat(api.get("/api/admin/services", api.ownerToken()).body()).contains(active, inactive);
    }

    @Test
    void namesAreUniquePerStudioIgnoringCase() {
        String name = Api.unique("Same");
        String id = createdId(name);
        Response duplicate = createService(name.toUpperCase(), api.ownerToken());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asString()).isEqualTo("conflict");
        String other = createdId(Api.unique("Other"));
        assertThat(api.put("/api/admin/services/" + other, json("name", " " + name.toLowerCase()), api.ownerToken())
                        .status())
                .isEqualTo(409);
        assertThat(api.put("/api/admin/services/" + id, json("name", name), api.ownerToken())
                        .status())
                .isEqualTo(200);
        assertThat(createService(name, api.newStudio().ownerToken()).status()).isEqualTo(201);
    }

    @Test
    void createNamesEveryMissingRequiredField() {
        Response response = api.post("/api/admin/services", json("description", "nothing else"), api.ownerToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "default_duration_min", "base_price_cents", "pricing_model");
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirFieldsNamedAndNothingWritten() {
        String name = Api.unique("Invalid");
        Response response = api.post(
                "/api/admin/services",
                json(
                        "name",
                        name,
                        "default_duration_min",
                        0,
                        "base_price_cents",
                        -1,
                        "pricing_model",
                        "fixed",
                        "max_per_day",
                        0,
                        "room_tags",
                        List.of("x".repeat(101))),
                api.ownerToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("default_duration_min", "base_price_cents", "max_per_day", "room_tags");
        assertThat(api.get("/api/admin/services", api.ownerToken()).body()).doesNotContain(name);

        Response tooLong = api.post(
                "/api/admin/services",
                json("name", " ", "default_duration_min", 1441, "base_price_cents", 0, "pricing_model", "fixed"),
                api.ownerToken());
        assertThat(tooLong.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "default_duration_min");
    }

    @Test
    void anUnknownPricingModelNamesTheFieldAndTheAllowedValues() {
        Response response = api.post(
                "/api/admin/services",
                json(
                        "name",
                        Api.unique("Hourly"),
                        "default_duration_min",
                        60,
                        "base_price_cents",
                        100,
                        "pricing_model",
                        "hourly"),
                api.ownerToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("pricing_model");
        assertThat(response.json().at("/errors/0/message").asString()).contains("per_block", "fixed");
    }

    @Test
    void invalidUpdatesChangeNothing() {
        String id = createdId(Api.unique("Stable"));
        String owner = api.ownerToken();

        Response response =
                api.put("/api/admin/services/" + id, json("base_price_cents", -5, "default_duration_min", 2000), owner);
        Response typed = api.put("/api/admin/services/" + id, json("pricing_model", "PER-HOUR"), owner);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("base_price_cents", "default_duration_min");
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().at("/errors/0/field").asString()).isEqualTo("pricing_model");
        Response after = api.get("/api/admin/services/" + id, owner);
        assertThat(after.json().get("base_price_cents").asLong()).isEqualTo(12_500);
        assertThat(after.json().get("pricing_model").asString()).isEqualTo("per_block");
        assertThat(api.get("/api/admin/audit?entity=service&entity_id=" + id, owner)
                        .json()
                        .get("items")
                        .findValuesAsString("action"))
                .containsExactly("service.created");
    }

    @Test
    void unknownAndMalformedIdsAre4xx() {
        String owner = api.ownerToken();
        assertThat(api.get("/api/admin/services/" + UNKNOWN_ID, owner).status()).isEqualTo(404);
        assertThat(api.put("/api/admin/services/" + UNKNOWN_ID, json("name", "X"), owner)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/admin/services/" + UNKNOWN_ID, owner).status())
                .isEqualTo(404);
        Response malformed = api.get("/api/admin/services/not-a-uuid", owner);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/errors/0/field").asString()).isEqualTo("id");
    }

    @Test
    void onlyOwnersAndAdminsManageServices() {
        String id = createdId(Api.unique("Guarded"));
        String body = json(
                "name",
                Api.unique("Nope"),
                "default_duration_min",
                60,
                "base_price_cents",
                1,
                "pricing_model",
                "fixed");
        for (Map.Entry<String, String> caller : CatalogFixtures.nonAdmins(api).entrySet()) {
            int expected = caller.getValue() == null ? 401 : 403;
            String token = caller.getValue();
            assertThat(List.of(
                            api.get("/api/admin/services", token).status(),
                            api.post("/api/admin/services", body, token).status(),
                            api.get("/api/admin/services/" + id, token).status(),
                            api.put("/api/admin/services/" + id, json("name", "X"), token)
                                    .status(),
                            api.delete("/api/admin/services/" + id, token).status()))
                    .as(caller.getKey())
                    .containsOnly(expected);
        }
        assertThat(api.get("/api/admin/services/" + id, api.ownerToken())
                        .json()
                        .get("name")
                        .asString())
                .startsWith("Guarded");
    }

    @Test
    void anotherStudioCannotSeeOrTouchTheseServices() {
        String id = createdId(Api.unique("Ours"));
        String other = api.newStudio().ownerToken();

        assertThat(api.get("/api/admin/services/" + id, other).status()).isEqualTo(404);
        assertThat(api.put("/api/admin/services/" + id, json("name", "Theirs"), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/admin/services/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/api/admin/services", other).body()).doesNotContain(id);
        assertThat(api.get("/api/admin/services/" + id, api.ownerToken())
                        .json()
                        .get("name")
                        .asString())
                .startsWith("Ours");
    }
}
