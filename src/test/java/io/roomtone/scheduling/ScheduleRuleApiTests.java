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
        created.expect(201);
        return created.json().get("id").asString();
    }

    private String list() {
        return api.get(RULES, api.ownerToken()).body();
    }

    @Test
    void ownerCreatesReadsUpdatesAndDeletesARule() {
        String room = TestStudio.defaultStudio(api).room();
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

        created.expect(201);
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

        Response updated = api.patch(RULES + "/" + id, json("end_time", "20:00"), api.ownerToken());
        updated.expect(200);
        assertThat(updated.json().get("end_time").asString()).isEqualTo("20:00");
        assertThat(updated.json().get("start_time").asString()).isEqualTo("09:30");
        assertThat(updated.json().get("timezone").asString()).isEqualTo("Europe/Paris");
        assertThat(updated.json().get("target_id").asString()).isEqualTo(room);

        api.delete(RULES + "/" + id, api.ownerToken()).expect(204);
        api.get(RULES + "/" + id, api.ownerToken()).expect(404);
        assertThat(Audit.of(api, "schedule_rule", id).actions())
                .containsExactly("schedule_rule.deleted", "schedule_rule.updated", "schedule_rule.created");
        assertThat(Audit.raw(api, api.ownerToken(), "schedule_rule", id)
                        .json()
                        .at("/items/1/diff/end_time/after")
                        .asString())
                .isEqualTo("20:00");
    }

    @Test
    void aRuleWithoutAZoneFollowsTheStudio() {
        Response created =
                create("target_type", "studio", "byweekday", List.of(0), "start_time", "10:00", "end_time", "14:00");

        created.expect(201);
        assertThat(created.json().get("target_id").isNull()).isTrue();
        assertThat(created.json().get("timezone").asString()).isEqualTo("America/Toronto");
        assertThat(created.json().get("follows_studio_timezone").asBoolean()).isTrue();

        String id = created.json().get("id").asString();
        Response ownZone = api.patch(RULES + "/" + id, json("timezone", "Asia/Tokyo"), api.ownerToken());
        assertThat(ownZone.json().get("follows_studio_timezone").asBoolean()).isFalse();
        Response backToStudio = api.patch(RULES + "/" + id, json("timezone", ""), api.ownerToken());
        assertThat(backToStudio.json().get("timezone").asString()).isEqualTo("America/Toronto");
        assertThat(backToStudio.json().get("follows_studio_timezone").asBoolean())
                .isTrue();
    }

    @Test
    void retargetingTakesTheTargetIdFromTheSameRequest() {
        String id = roomRule(TestStudio.defaultStudio(api).room());

        Response studio = api.patch(RULES + "/" + id, json("target_type", "studio"), api.ownerToken());

        studio.expect(200);
        assertThat(studio.json().get("target_id").isNull()).isTrue();
        assertThat(api.patch(RULES + "/" + id, json("target_type", "room"), api.ownerToken())
                        .invalidFields())
                .containsExactly("target_id");
    }

    @Test
    void anUpdateIsCheckedAsAWholeAndWritesNothingWhenInvalid() {
        String id = roomRule(TestStudio.defaultStudio(api).room());

        assertThat(api.patch(RULES + "/" + id, json("end_time", "09:00"), api.ownerToken())
                        .invalidFields())
                .containsExactly("end_time");
        assertThat(api.patch(
                                RULES + "/" + id,
                                json(
                                        "effective_to",
                                        "2026-01-01",
                                        "effective_from",
                                        "2026-02-01",
                                        "byweekday",
                                        List.of(9)),
                                api.ownerToken())
                        .invalidFields())
                .containsExactlyInAnyOrder("effective_to", "byweekday");
        assertThat(api.get(RULES + "/" + id, api.ownerToken())
                        .json()
                        .get("end_time")
                        .asString())
                .isEqualTo("17:00");
        assertThat(Audit.of(api, "schedule_rule", id).actions()).containsExactly("schedule_rule.created");
    }

    @Test
    void invalidRulesAreRefusedWithEveryFieldNamedAndNothingWritten() {
        String before = list();

        assertThat(create(
                                "target_type",
                                "room",
                                "byweekday",
                                List.of(),
                                "start_time",
                                "18:00",
                                "end_time",
                                "18:00",
                                "timezone",
                                "Mars/Olympus",
                                "effective_from",
                                "2026-05-01",
                                "effective_to",
                                "2026-04-01")
                        .invalidFields())
                .containsExactlyInAnyOrder("target_id", "byweekday", "end_time", "timezone", "effective_to");
        assertThat(create("byweekday", List.of(1, 1, 7)).invalidFields())
                .containsExactlyInAnyOrder("target_type", "byweekday", "start_time", "end_time");
        assertThat(create(
                                "target_type",
                                "studio",
                                "target_id",
                                UNKNOWN_ID,
                                "byweekday",
                                List.of(1),
                                "start_time",
                                "09:00:30",
                                "end_time",
                                "10:00")
                        .invalidFields())
                .containsExactlyInAnyOrder("target_id", "start_time");
        assertThat(create(
                                "target_type",
                                "room",
                                "target_id",
                                UNKNOWN_ID,
                                "byweekday",
                                List.of(1),
                                "start_time",
                                "09:00",
                                "end_time",
                                "10:00")
                        .invalidFields())
                .containsExactly("target_id");
        Response empty =
                create("target_type", "studio", "byweekday", List.of(5), "start_time", "22:00", "end_time", "22:00");
        assertThat(empty.invalidFields()).containsExactly("end_time");
        assertThat(empty.problem().message()).contains("next day");

        assertThat(list()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheirField() {
        assertThat(create("target_type", "moon").invalidFields()).containsExactly("target_type");
        assertThat(create("byweekday", "monday").invalidFields()).containsExactly("byweekday");
        assertThat(create("byweekday", List.of("1")).invalidFields()).containsExactly("byweekday[0]");
        assertThat(create("start_time", "25:00").invalidFields()).containsExactly("start_time");
        assertThat(create("effective_from", "tomorrow").invalidFields()).containsExactly("effective_from");
        assertThat(create("target_id", "room-1").invalidFields()).containsExactly("target_id");
        assertThat(create("colour", "red").invalidFields()).containsExactly("colour");
        assertThat(api.get(RULES + "?target_type=moon", api.ownerToken()).invalidFields())
                .containsExactly("target_type");
    }

    @Test
    void anotherStudiosRoomIsNotATarget() {
        TestStudio other = new TestStudio(api);
        String theirRoom = other.room();

        assertThat(create(
                                "target_type",
                                "room",
                                "target_id",
                                theirRoom,
                                "byweekday",
                                List.of(1),
                                "start_time",
                                "09:00",
                                "end_time",
                                "10:00")
                        .invalidFields())
                .containsExactly("target_id");
    }

    @Test
    void anotherStudioCannotSeeOrChangeTheRules() {
        String id = roomRule(TestStudio.defaultStudio(api).room());
        String theirs = api.newStudio().ownerToken();

        api.get(RULES + "/" + id, theirs).expect(404);
        api.patch(RULES + "/" + id, json("end_time", "23:00"), theirs).expect(404);
        api.delete(RULES + "/" + id, theirs).expect(404);
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
        api.get(RULES + "/" + UNKNOWN_ID, owner).expect(404);
        api.patch(RULES + "/" + UNKNOWN_ID, json("end_time", "23:00"), owner).expect(404);
        api.delete(RULES + "/" + UNKNOWN_ID, owner).expect(404);
        assertThat(api.get(RULES + "/not-a-uuid", owner).invalidFields()).containsExactly("id");
    }

    @Test
    void deletingARoomDeletesItsRules() {
        String room = TestStudio.defaultStudio(api).room();
        String id = roomRule(room);

        api.delete("/api/admin/rooms/" + room, api.ownerToken()).expect(204);

        api.get(RULES + "/" + id, api.ownerToken()).expect(404);
        // the database deletes it with the room (a cascading foreign key): the room's deletion is audited
        assertThat(Audit.of(api, "room", room).actions()).first().isEqualTo("room.deleted");
    }

    @Test
    void onlyAdminsMayUseTheRoutes() {
        Callers.assertAdminOnly(
                api,
                json("target_type", "studio"),
                "GET " + RULES,
                "POST " + RULES,
                "GET " + RULES + "/" + UNKNOWN_ID,
                "PUT " + RULES + "/" + UNKNOWN_ID,
                "DELETE " + RULES + "/" + UNKNOWN_ID);
    }
}
