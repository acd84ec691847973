package io.roomtone.catalog;

import static io.roomtone.support.Api.UNKNOWN_ID;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Callers;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.ServiceView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RoomtoneTest
class ServiceApiTests {

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
        return createService(name, api.ownerToken())
                .expect(201)
                .as(ServiceView.class)
                .id();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesAService() {
        String owner = api.ownerToken();
        ServiceView created =
                createService(Api.unique("Tracking"), owner).expect(201).as(ServiceView.class);
        String id = created.id();
        assertThat(created.roomTags()).containsExactly("live", "vocal");
        assertThat(created.staffSkillRequired()).isEqualTo("mixing");
        assertThat(created.pricingModel()).isEqualTo("per_block");
        assertThat(created.basePriceCents()).isEqualTo(12_500);
        assertThat(created.currency()).isEqualTo("CAD");
        assertThat(created.isAddon()).isFalse();
        assertThat(created.maxPerDay()).isNull();
        assertThat(created.active()).isTrue();

        assertThat(api.get("/api/admin/services/" + id, owner)
                        .expect(200)
                        .as(ServiceView.class)
                        .defaultDurationMin())
                .isEqualTo(60);

        ServiceView updated = api.patch(
                        "/api/admin/services/" + id,
                        json(
                                "base_price_cents",
                                5_000_000_000L,
                                "pricing_model",
                                "fixed",
                                "is_addon",
                                true,
                                "max_per_day",
                                2),
                        owner)
                .expect(200)
                .as(ServiceView.class);
        assertThat(updated.basePriceCents()).isEqualTo(5_000_000_000L);
        assertThat(updated.pricingModel()).isEqualTo("fixed");
        assertThat(updated.isAddon()).isTrue();
        assertThat(updated.maxPerDay()).isEqualTo(2);
        assertThat(updated.description()).isEqualTo("Tracking with an engineer");
        assertThat(updated.staffSkillRequired()).isEqualTo("mixing");

        ServiceView cleared = api.patch("/api/admin/services/" + id, json("staff_skill_required", ""), owner)
                .expect(200)
                .as(ServiceView.class);
        assertThat(cleared.staffSkillRequired()).isNull();
        assertThat(api.get("/api/admin/services", owner).body()).contains(id);

        api.delete("/api/admin/services/" + id, owner).expect(204);
        api.get("/api/admin/services/" + id, owner).expect(404);
        assertThat(api.get("/api/admin/services", owner).body()).doesNotContain(id);
    }

    @Test
    void everyChangeIsAudited() {
        String owner = api.ownerToken();
        String id = createdId(Api.unique("Audited"));
        api.patch("/api/admin/services/" + id, json("default_duration_min", 90), owner);
        api.delete("/api/admin/services/" + id, owner);

        Response audit = api.get("/api/admin/audit?entity=service&entity_id=" + id, owner);

        audit.expect(200);
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
        api.patch("/api/admin/services/" + inactive, json("active", false), api.ownerToken());

        Response list = api.get("/api/services", null);

        list.expect(200);
        assertThat(list.body()).contains(active).doesNotContain(inactive);
        assertThat(api.get("/api/admin/services", api.ownerToken()).body()).contains(active, inactive);
    }

    @Test
    void namesAreUniquePerStudioIgnoringCase() {
        String name = Api.unique("Same");
        String id = createdId(name);
        Response duplicate = createService(name.toUpperCase(), api.ownerToken());
        duplicate.expect(409);
        assertThat(duplicate.problem().code()).isEqualTo("conflict");
        String other = createdId(Api.unique("Other"));
        api.patch("/api/admin/services/" + other, json("name", " " + name.toLowerCase()), api.ownerToken())
                .expect(409);
        api.patch("/api/admin/services/" + id, json("name", name), api.ownerToken())
                .expect(200);
        createService(name, api.newStudio().ownerToken()).expect(201);
    }

    @Test
    void createNamesEveryMissingRequiredField() {
        Response response = api.post("/api/admin/services", json("description", "nothing else"), api.ownerToken());

        response.expect(400);
        assertThat(response.problem().code()).isEqualTo("validation_failed");
        assertThat(response.problem().fields())
                .containsExactlyInAnyOrder("name", "default_duration_min", "base_price_cents");
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

        response.expect(400);
        assertThat(response.problem().fields())
                .containsExactlyInAnyOrder("default_duration_min", "base_price_cents", "max_per_day", "room_tags");
        assertThat(api.get("/api/admin/services", api.ownerToken()).body()).doesNotContain(name);

        Response tooLong = api.post(
                "/api/admin/services",
                json("name", " ", "default_duration_min", 1441, "base_price_cents", 0, "pricing_model", "fixed"),
                api.ownerToken());
        assertThat(tooLong.problem().fields()).containsExactlyInAnyOrder("name", "default_duration_min");
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

        response.expect(400);
        assertThat(response.problem().code()).isEqualTo("validation_failed");
        assertThat(response.problem().field()).isEqualTo("pricing_model");
        assertThat(response.problem().message()).contains("per_block", "fixed");
    }

    @Test
    void invalidUpdatesChangeNothing() {
        String id = createdId(Api.unique("Stable"));
        String owner = api.ownerToken();

        Response response = api.patch(
                "/api/admin/services/" + id, json("base_price_cents", -5, "default_duration_min", 2000), owner);
        Response typed = api.patch("/api/admin/services/" + id, json("pricing_model", "PER-HOUR"), owner);

        response.expect(400);
        assertThat(response.problem().fields()).containsExactlyInAnyOrder("base_price_cents", "default_duration_min");
        typed.expect(400);
        assertThat(typed.problem().field()).isEqualTo("pricing_model");
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
        api.get("/api/admin/services/" + UNKNOWN_ID, owner).expect(404);
        api.patch("/api/admin/services/" + UNKNOWN_ID, json("name", "X"), owner).expect(404);
        api.delete("/api/admin/services/" + UNKNOWN_ID, owner).expect(404);
        Response malformed = api.get("/api/admin/services/not-a-uuid", owner);
        malformed.expect(400);
        assertThat(malformed.problem().field()).isEqualTo("id");
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
        for (Map.Entry<String, String> caller : Callers.nonAdmins(api).entrySet()) {
            int expected = caller.getValue() == null ? 401 : 403;
            String token = caller.getValue();
            assertThat(List.of(
                            api.get("/api/admin/services", token).status(),
                            api.post("/api/admin/services", body, token).status(),
                            api.get("/api/admin/services/" + id, token).status(),
                            api.patch("/api/admin/services/" + id, json("name", "X"), token)
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

        api.get("/api/admin/services/" + id, other).expect(404);
        api.patch("/api/admin/services/" + id, json("name", "Theirs"), other).expect(404);
        api.delete("/api/admin/services/" + id, other).expect(404);
        assertThat(api.get("/api/admin/services", other).body()).doesNotContain(id);
        assertThat(api.get("/api/admin/services/" + id, api.ownerToken())
                        .json()
                        .get("name")
                        .asString())
                .startsWith("Ours");
    }
}
