package io.roomtone.scheduling;

import static io.roomtone.scheduling.Fixtures.UNKNOWN_ID;
import static io.roomtone.scheduling.Fixtures.fields;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RoomtoneTest
class ScheduleRuleApiTests {

    private static final String RULES = "/api/admin/schedule-rules";

    @Autowired
    Api api;

    private Response create(Object... fields) {
        return api.post(RULES, json(fields), api.ownerToken());
    }

    private String roomRule(String room) {
        Response created = create(
                "target_type",
                "room",
                "target_id",
                room,
                "byweekday",
                List.of(1, 2),
                "start_time",
                "09:00",
                "end_time",
                "17:00");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String list() {
        return api.get(RULES, api.ownerToken()).body();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesARule() {
        String room = Fixtures.room(api, api.ownerToken());
        Response created = create(
                "target_type",
                "room",
                "target_id",
                room,
                "byweekday",
                List.of(5, 1, 3),
                "start_time",
                "09:30",
                "end_time",
                "18:00",
                "timezone",
                "Europe/Paris",
                "effective_from",
                "2026-01-01",
                "effective_to",
                "2026-12-31");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("target_type").asString()).isEqualTo("room");
        assertThat(created.json().get("byweekday").toString()).isEqualTo("[1,3,5]");
        assertThat(created.json().get("start_time").asString()).isEqualTo("09:30");
        assertThat(created.json().get("end_time").asString()).isEqualTo("18:00");
        assertThat(created.json().get("timezone").asString()).isEqualTo("Europe/Paris");
        assertThat(created.json().get("follows_studio_timezone").asBoolean()).isFalse();
        assertThat(created.json().get("effective_to").asString()).isEqualTo("2026-12-31");

        assertThat(api.get(RULES + "/" + id, api.ownerToken()).json()).isEqualTo(created.json());
        assertThat(api.get(RULES + "?target_type=room&target_id=" + room, api.ownerToken())
                        .json()
                        .findValuesAsString("id"))
                .containsExactly(id);
        assertThat(api.get(RULES + "?target_type=staff", api.ownerToken()).body())
                .doesNotContain(id);

        Response updated = api.put(RULES + "/" + id, json("end_time", "20:00"), api.ownerToken());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("end_time").asString()).isEqualTo("20:00");
        assertThat(updated.json().get("start_time").asString()).isEqualTo("09:30");
        assertThat(updated.json().get("timezone").asString()).isEqualTo("Europe/Paris");
        assertThat(updated.json().get("target_id").asString()).isEqualTo(room);

        assertThat(api.delete(RULES + "/" + id, api.ownerToken()).status()).isEqualTo(204);
        assertThat(api.get(RULES + "/" + id, api.ownerToken()).status()).isEqualTo(404);
        assertThat(Fixtures.auditActions(api, "schedule_rule", id))
                .containsExactly("schedule_rule.deleted", "schedule_rule.updated", "schedule_rule.created");
        assertThat(Fixtures.audit(api, "schedule_rule", id)
                        .at("/items/1/diff/end_time/after")
                        .asString())
                .isEqualTo("20:00");
    }

    @Test
    void aRuleWithoutAZoneFollowsTheStudio() {
        Response created =
                create("target_type", "studio", "byweekday", List.of(0), "start_time", "10:00", "end_time", "14:00");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("target_id").isNull()).isTrue();
        assertThat(created.json().get("timezone").asString()).isEqualTo("America/Toronto");
        assertThat(created.json().get("follows_studio_timezone").asBoolean()).isTrue();

        String id = created.json().get("id").asString();
        Response ownZone = api.put(RULES + "/" + id, json("timezone", "Asia/Tokyo"), api.ownerToken());
        assertThat(ownZone.json().get("follows_studio_timezone").asBoolean()).isFalse();
        Response backToStudio = api.put(RULES + "/" + id, json("timezone", ""), api.ownerToken());
        assertThat(backToStudio.json().get("timezone").asString()).isEqualTo("America/Toronto");
        assertThat(backToStudio.json().get("follows_studio_timezone").asBoolean())
                .isTrue();
    }

    @Test
    void retargetingTakesTheTargetIdFromTheSameRequest() {
        String id = roomRule(Fixtures.room(api, api.ownerToken()));

        Response studio = api.put(RULES + "/" + id, json("target_type", "studio"), api.ownerToken());

        assertThat(studio.status()).as(studio.toString()).isEqualTo(200);
        assertThat(studio.json().get("target_id").isNull()).isTrue();
        assertThat(fields(api.put(RULES + "/" + id, json("target_type", "room"), api.ownerToken())))
                .containsExactly("target_id");
    }

    @Test
    void anUpdateIsCheckedAsAWholeAndWritesNothingWhenInvalid() {
        String id = roomRule(Fixtures.room(api, api.ownerToken()));

        assertThat(fields(api.put(RULES + "/" + id, json("end_time", "08:00"), api.ownerToken())))
                .containsExactly("end_time");
        assertThat(fields(api.put(
                        RULES + "/" + id,
                        json("effective_to", "2026-01-01", "effective_from", "2026-02-01", "byweekday", List.of(9)),
                        api.ownerToken())))
                .containsExactlyInAnyOrder("effective_to", "byweekday");
        assertThat(api.get(RULES + "/" + id, api.ownerToken())
                        .json()
                        .get("end_time")
                        .asString())
                .isEqualTo("17:00");
        assertThat(Fixtures.auditActions(api, "schedule_rule", id)).containsExactly("schedule_rule.created");
    }

    @Test
    void invalidRulesAreRefusedWithEveryFieldNamedAndNothingWritten() {
        String before = list();

        assertThat(fields(create(
                        "target_type",
                        "room",
                        "byweekday",
                        List.of(),
                        "start_time",
                        "18:00",
                        "end_time",
                        "09:00",
                        "timezone",
                        "Mars/Olympus",
                        "effective_from",
                        "2026-05-01",
                        "effective_to",
                        "2026-04-01")))
                .containsExactlyInAnyOrder("target_id", "byweekday", "end_time", "timezone", "effective_to");
        assertThat(fields(create("byweekday", List.of(1, 1, 7))))
                .containsExactlyInAnyOrder("target_type", "byweekday", "start_time", "end_time");
        assertThat(fields(create(
                        "target_type",
                        "studio",
                        "target_id",
                        UNKNOWN_ID,
                        "byweekday",
                        List.of(1),
                        "start_time",
                        "09:00:30",
                        "end_time",
                        "10:00")))
                .containsExactlyInAnyOrder("target_id", "start_time");
        assertThat(fields(create(
                        "target_type",
                        "room",
                        "target_id",
                        UNKNOWN_ID,
                        "byweekday",
                        List.of(1),
                        "start_time",
                        "09:00",
                        "end_time",
                        "10:00")))
                .containsExactly("target_id");
        Response overnight =
                create("target_type", "studio", "byweekday", List.of(5), "start_time", "22:00", "end_time", "02:00");
        assertThat(fields(overnight)).containsExactly("end_time");
        assertThat(overnight.json().at("/errors/0/message").asString()).contains("second rule");

        assertThat(list()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheirField() {
        assertThat(fields(create("target_type", "moon"))).containsExactly("target_type");
        assertThat(fields(create("byweekday", "monday"))).containsExactly("byweekday");
        assertThat(fields(create("byweekday", List.of("1")))).containsExactly("byweekday[0]");
        assertThat(fields(create("start_time", "25:00"))).containsExactly("start_time");
        assertThat(fields(create("effective_from", "tomorrow"))).containsExactly("effective_from");
        assertThat(fields(create("target_id", "room-1"))).containsExactly("target_id");
        assertThat(fields(create("colour", "red"))).containsExactly("colour");
        assertThat(fields(api.get(RULES + "?target_type=moon", api.ownerToken())))
                .containsExactly("target_type");
    }

    @Test
    void anotherStudiosRoomIsNotATarget() {
        Api.OtherStudio other = api.newStudio();
        String theirRoom = Fixtures.room(api, other.ownerToken());

        assertThat(fields(create(
                        "target_type",
                        "room",
                        "target_id",
                        theirRoom,
                        "byweekday",
                        List.of(1),
                        "start_time",
                        "09:00",
                        "end_time",
                        "10:00")))
                .containsExactly("target_id");
    }

    @Test
    void anotherStudioCannotSeeOrChangeTheRules() {
        String id = roomRule(Fixtures.room(api, api.ownerToken()));
        String theirs = api.newStudio().ownerToken();

        assertThat(api.get(RULES + "/" + id, theirs).status()).isEqualTo(404);
        assertThat(api.put(RULES + "/" + id, json("end_time", "23:00"), theirs).status())
                .isEqualTo(404);
        assertThat(api.delete(RULES + "/" + id, theirs).status()).isEqualTo(404);
        assertThat(api.get(RULES, theirs).body()).doesNotContain(id);
        assertThat(api.get(RULES + "/" + id, api.ownerToken())
                        .json()
                        .get("end_time")
                        .asString())
                .isEqualTo("17:00");
    }

    @Test
    void unknownIdsAre404() {
        String owner = api.ownerToken();
        assertThat(api.get(RULES + "/" + UNKNOWN_ID, owner).status()).isEqualTo(404);
        assertThat(api.put(RULES + "/" + UNKNOWN_ID, json("end_time", "23:00"), owner)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(RULES + "/" + UNKNOWN_ID, owner).status()).isEqualTo(404);
        assertThat(fields(api.get(RULES + "/not-a-uuid", owner))).containsExactly("id");
    }

    @Test
    void deletingARoomDeletesItsRules() {
        String room = Fixtures.room(api, api.ownerToken());
        String id = roomRule(room);

        assertThat(api.delete("/api/admin/rooms/" + room, api.ownerToken()).status())
                .isEqualTo(204);

        assertThat(api.get(RULES + "/" + id, api.ownerToken()).status()).isEqualTo(404);
        assertThat(Fixtures.auditActions(api, "schedule_rule", id)).first().isEqualTo("schedule_rule.deleted");
    }

    @Test
    void onlyAdminsMayUseTheRoutes() {
        Fixtures.adminOnly(
                api,
                json("target_type", "studio"),
                "GET " + RULES,
                "POST " + RULES,
                "GET " + RULES + "/" + UNKNOWN_ID,
                "PUT " + RULES + "/" + UNKNOWN_ID,
                "DELETE " + RULES + "/" + UNKNOWN_ID);
    }
}
