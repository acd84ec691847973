package io.roomtone.scheduling;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Callers;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@RoomtoneTest
class SettingsApiTests {

    private static final String SETTINGS = "/api/admin/settings";

    @Autowired
    Api api;

    private static Map<String, Object> tier(Object hours, Object percent) {
        Map<String, Object> tier = new java.util.LinkedHashMap<>();
        tier.put("min_hours_before", hours);
        tier.put("refund_percent", percent);
        return tier;
    }

    private static Map<String, Object> cancellation(Object... tiers) {
        return Map.of("tiers", List.of(tiers));
    }

    @Test
    void aNewStudioHasTheDefaults() {
        JsonNode settings = api.get(SETTINGS, api.newStudio().ownerToken()).json();

        assertThat(settings.get("timezone").asString()).isEqualTo("America/Toronto");
        assertThat(settings.get("currency").asString()).isEqualTo("CAD");
        assertThat(settings.get("tax_rate_bps").asInt()).isZero();
        assertThat(settings.get("deposit_percent").asInt()).isZero();
        assertThat(settings.get("approval_required").asBoolean()).isTrue();
        assertThat(settings.get("lead_time_min").asInt()).isEqualTo(120);
        assertThat(settings.get("horizon_days").asInt()).isEqualTo(90);
        assertThat(settings.get("hold_minutes").asInt()).isEqualTo(15);
        assertThat(settings.get("slot_step_min").asInt()).isEqualTo(15);
        assertThat(settings.at("/cancellation_policy/tiers").toString())
                .isEqualTo("[{\"min_hours_before\":48,\"refund_percent\":100},"
                        + "{\"min_hours_before\":24,\"refund_percent\":50},"
                        + "{\"min_hours_before\":0,\"refund_percent\":0}]");
        assertThat(settings.get("reschedule_policy").toString())
                .isEqualTo("{\"free_min_hours_before\":24,\"free_reschedules\":1,\"fee_cents\":0}");
    }

    @Test
    void anUpdateOfOneFieldKeepsTheOthers() {
        String owner = api.newStudio().ownerToken();
        api.patch(
                SETTINGS, json("name", "Blue Room Studios", "deposit_percent", 25, "timezone", "Europe/Berlin"), owner);

        Response updated = api.patch(SETTINGS, json("tax_rate_bps", 1300), owner);

        updated.expect(200);
        JsonNode settings = api.get(SETTINGS, owner).json();
        assertThat(settings).isEqualTo(updated.json());
        assertThat(settings.get("tax_rate_bps").asInt()).isEqualTo(1300);
        assertThat(settings.get("deposit_percent").asInt()).isEqualTo(25);
        assertThat(settings.get("name").asString()).isEqualTo("Blue Room Studios");
        assertThat(settings.get("timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(settings.get("currency").asString()).isEqualTo("CAD");
        assertThat(settings.get("lead_time_min").asInt()).isEqualTo(120);
    }

    @Test
    void everyFieldCanBeChangedAndTheChangeIsAudited() {
        Api.OtherStudio studio = api.newStudio();
        Response updated = api.patch(
                SETTINGS,
                json(
                        "currency",
                        "eur",
                        "approval_required",
                        false,
                        "lead_time_min",
                        0,
                        "horizon_days",
                        730,
                        "hold_minutes",
                        1440,
                        "slot_step_min",
                        30,
                        "cancellation_policy",
                        cancellation(tier(0, 10), tier(72, 100)),
                        "reschedule_policy",
                        Map.of("free_min_hours_before", 48, "free_reschedules", 2, "fee_cents", 2500)),
                studio.ownerToken());

        updated.expect(200);
        JsonNode settings = updated.json();
        assertThat(settings.get("currency").asString()).isEqualTo("EUR");
        assertThat(settings.get("approval_required").asBoolean()).isFalse();
        assertThat(settings.get("slot_step_min").asInt()).isEqualTo(30);
        assertThat(settings.at("/cancellation_policy/tiers/0/min_hours_before").asInt())
                .isEqualTo(72);
        assertThat(settings.at("/reschedule_policy/fee_cents").asLong()).isEqualTo(2500);

        Response audit = api.get("/api/admin/audit?entity=settings&entity_id=" + studio.id(), studio.ownerToken());
        JsonNode entry = audit.json().at("/items/0");
        assertThat(entry.get("action").asString()).isEqualTo("settings.updated");
        assertThat(entry.at("/diff/currency/before").asString()).isEqualTo("CAD");
        assertThat(entry.at("/diff/currency/after").asString()).isEqualTo("EUR");
        assertThat(entry.at("/diff/slot_step_min/after").asInt()).isEqualTo(30);
        assertThat(entry.get("diff").has("tax_rate_bps")).isFalse();
    }

    @Test
    void invalidSettingsAreRefusedWithEveryFieldNamedAndNothingWritten() {
        String owner = api.ownerToken();
        String before = api.get(SETTINGS, owner).body();

        assertThat(api.patch(
                                SETTINGS,
                                json(
                                        "name",
                                        " ",
                                        "timezone",
                                        "Mars/Olympus",
                                        "currency",
                                        "XYZ",
                                        "tax_rate_bps",
                                        10001,
                                        "deposit_percent",
                                        101,
                                        "lead_time_min",
                                        -1,
                                        "horizon_days",
                                        0,
                                        "hold_minutes",
                                        1441,
                                        "slot_step_min",
                                        7),
                                owner)
                        .invalidFields())
                .containsExactlyInAnyOrder(
                        "name",
                        "timezone",
                        "currency",
                        "tax_rate_bps",
                        "deposit_percent",
                        "lead_time_min",
                        "horizon_days",
                        "hold_minutes",
                        "slot_step_min");
        assertThat(api.patch(SETTINGS, json("slot_step_min", 250, "horizon_days", 731), owner)
                        .invalidFields())
                .containsExactlyInAnyOrder("slot_step_min", "horizon_days");
        assertThat(api.patch(SETTINGS, json("slot_step_min", 50), owner).invalidFields())
                .containsExactly("slot_step_min");

        assertThat(api.get(SETTINGS, owner).body()).isEqualTo(before);
    }

    @Test
    void invalidPoliciesAreRefusedWithTheirNestedFieldsNamed() {
        String owner = api.ownerToken();
        String before = api.get(SETTINGS, owner).body();

        assertThat(api.patch(
                                SETTINGS,
                                json("cancellation_policy", cancellation(tier(48, 101), tier(48, 50), tier(-1, null))),
                                owner)
                        .invalidFields())
                .containsExactlyInAnyOrder(
                        "cancellation_policy.tiers",
                        "cancellation_policy.tiers[0].refund_percent",
                        "cancellation_policy.tiers[1].min_hours_before",
                        "cancellation_policy.tiers[2].min_hours_before",
                        "cancellation_policy.tiers[2].refund_percent");
        assertThat(api.patch(SETTINGS, json("cancellation_policy", cancellation()), owner)
                        .invalidFields())
                .containsExactly("cancellation_policy.tiers");
        Object[] eleven = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> tier(i, 0))
                .toArray();
        assertThat(api.patch(SETTINGS, json("cancellation_policy", cancellation(eleven)), owner)
                        .invalidFields())
                .containsExactly("cancellation_policy.tiers");
        assertThat(api.patch(SETTINGS, json("cancellation_policy", Map.of()), owner)
                        .invalidFields())
                .containsExactly("cancellation_policy.tiers");
        assertThat(api.patch(SETTINGS, json("cancellation_policy", List.of(tier(0, 0))), owner)
                        .invalidFields())
                .containsExactly("cancellation_policy");
        assertThat(api.patch(
                                SETTINGS,
                                json("reschedule_policy", Map.of("free_min_hours_before", -1, "fee_cents", -100)),
                                owner)
                        .invalidFields())
                .containsExactlyInAnyOrder(
                        "reschedule_policy.free_min_hours_before",
                        "reschedule_policy.free_reschedules",
                        "reschedule_policy.fee_cents");

        assertThat(api.get(SETTINGS, owner).body()).isEqualTo(before);
    }

    @Test
    void wrongTypesNameTheirField() {
        String owner = api.ownerToken();
        assertThat(api.patch(SETTINGS, json("approval_required", "yes"), owner).invalidFields())
                .containsExactly("approval_required");
        assertThat(api.patch(SETTINGS, json("deposit_percent", "25"), owner).invalidFields())
                .containsExactly("deposit_percent");
        assertThat(api.patch(SETTINGS, json("reschedule_policy", 5), owner).invalidFields())
                .containsExactly("reschedule_policy");
        assertThat(api.patch(SETTINGS, json("hold_time", 5), owner).invalidFields())
                .containsExactly("hold_time");
    }

    @Test
    void studiosHaveTheirOwnSettings() {
        Api.OtherStudio other = api.newStudio();
        api.patch(SETTINGS, json("deposit_percent", 50), other.ownerToken());

        assertThat(api.get(SETTINGS, other.ownerToken())
                        .json()
                        .get("deposit_percent")
                        .asInt())
                .isEqualTo(50);
        assertThat(api.get(SETTINGS, api.newStudio().ownerToken())
                        .json()
                        .get("deposit_percent")
                        .asInt())
                .isZero();
    }

    @Test
    void onlyAdminsMayUseTheRoutes() {
        Callers.assertAdminOnly(api, json("deposit_percent", 10), "GET " + SETTINGS, "PUT " + SETTINGS);
    }
}
