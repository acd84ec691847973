package io.roomtone.scheduling;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A staff member edits their own weekly hours and time off and reads their own sessions, and
 * nobody else's: another staff member's rule is a 404, and an account without a staff profile is
 * told it has none.
 */
@RoomtoneTest
class MyScheduleApiTests {

    private static final String RULES = "/api/me/schedule-rules";
    private static final String TIME_OFF = "/api/me/exceptions";

    @Autowired
    Api api;

    private static String nightShift() {
        return json("byweekday", List.of(5, 6), "start_time", "22:00", "end_time", "02:00");
    }

    @Test
    void aStaffMemberManagesTheirOwnHours() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer me = studio.engineer("mixing");

        JsonNode created = api.post(RULES, nightShift(), me.token()).expect(201).json();
        String id = created.get("id").asString();
        assertThat(created.get("target_type").asString()).isEqualTo("staff");
        assertThat(created.get("target_id").asString()).isEqualTo(me.id());
        assertThat(created.get("end_time").asString()).isEqualTo("02:00");

        assertThat(api.get(RULES, me.token()).json().findValuesAsString("id")).containsExactly(id);
        assertThat(api.get("/api/admin/schedule-rules?target_type=staff&target_id=" + me.id(), studio.owner())
                        .json()
                        .findValuesAsString("id"))
                .containsExactly(id);

        JsonNode patched = api.patch(RULES + "/" + id, json("end_time", "03:00"), me.token())
                .expect(200)
                .json();
        assertThat(patched.get("end_time").asString()).isEqualTo("03:00");
        assertThat(patched.get("byweekday").toString()).isEqualTo("[5,6]");
        JsonNode replaced = api.put(
                        RULES + "/" + id,
                        json("byweekday", List.of(1), "start_time", "09:00", "end_time", "17:00"),
                        me.token())
                .expect(200)
                .json();
        assertThat(replaced.get("target_id").asString()).isEqualTo(me.id());

        api.delete(RULES + "/" + id, me.token()).expect(204);
        assertThat(api.get(RULES, me.token()).json().isEmpty()).isTrue();
    }

    @Test
    void aStaffMemberCannotNameATargetNorTouchAColleaguesHours() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer me = studio.engineer("mixing");
        TestStudio.Engineer colleague = studio.engineer("mastering");
        String theirs = api.post(RULES, nightShift(), colleague.token())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String theirClosure = api.post(
                        TIME_OFF,
                        json("start_at", at(9, 0), "end_at", at(10, 0), "reason", "Holiday"),
                        colleague.token())
                .expect(201)
                .json()
                .get("id")
                .asString();

        assertThat(api.get(RULES, me.token()).json().isEmpty()).isTrue();
        assertThat(api.get(TIME_OFF, me.token()).json().isEmpty()).isTrue();
        api.patch(RULES + "/" + theirs, json("end_time", "04:00"), me.token()).expect(404);
        api.put(RULES + "/" + theirs, nightShift(), me.token()).expect(404);
        api.delete(RULES + "/" + theirs, me.token()).expect(404);
        api.patch(TIME_OFF + "/" + theirClosure, json("reason", "mine now"), me.token())
                .expect(404);
        api.delete(TIME_OFF + "/" + theirClosure, me.token()).expect(404);

        assertThat(api.post(
                                RULES,
                                json(
                                        "target_type",
                                        "staff",
                                        "target_id",
                                        colleague.id(),
                                        "byweekday",
                                        List.of(1),
                                        "start_time",
                                        "09:00",
                                        "end_time",
                                        "10:00"),
                                me.token())
                        .invalidFields())
                .containsExactlyInAnyOrder("target_type", "target_id");
        assertThat(api.patch(RULES + "/" + theirs, json("target_id", me.id()), colleague.token())
                        .invalidFields())
                .containsExactly("target_id");

        JsonNode still =
                api.get("/api/admin/schedule-rules/" + theirs, studio.owner()).json();
        assertThat(still.get("end_time").asString()).isEqualTo("02:00");
        assertThat(still.get("target_id").asString()).isEqualTo(colleague.id());
        assertThat(api.get("/api/admin/exceptions/" + theirClosure, studio.owner())
                        .json()
                        .get("reason")
                        .asString())
                .isEqualTo("Holiday");
    }

    @Test
    void timeOffIsValidatedAndPatchable() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer me = studio.engineer("mixing");

        assertThat(api.post(TIME_OFF, json("start_at", at(5, 10), "end_at", "+999999999-01-01T00:00:00Z"), me.token())
                        .expect(400)
                        .problem()
                        .field())
                .isEqualTo("end_at");
        assertThat(api.post(TIME_OFF, json("start_at", at(5, 10)), me.token()).invalidFields())
                .containsExactly("end_at");
        String id = api.post(
                        TIME_OFF, json("start_at", at(5, 10), "end_at", at(5, 12), "reason", "Dentist"), me.token())
                .expect(201)
                .json()
                .get("id")
                .asString();
        JsonNode cleared = api.patch(TIME_OFF + "/" + id, "{\"reason\": null}", me.token())
                .expect(200)
                .json();
        assertThat(cleared.get("reason").isNull()).isTrue();
        assertThat(cleared.get("target_id").asString()).isEqualTo(me.id());
        assertThat(api.get(TIME_OFF, me.token()).json().findValuesAsString("id"))
                .containsExactly(id);
    }

    @Test
    void anAccountWithoutAStaffProfileIsToldSo() {
        TestStudio studio = new TestStudio(api);

        assertThat(api.get(RULES, studio.owner()).expect(403).problem().code()).isEqualTo("forbidden");
        assertThat(api.post(RULES, nightShift(), studio.owner()).expect(403).body())
                .contains("staff profile");
        assertThat(api.get(TIME_OFF, studio.owner()).expect(403).body()).contains("staff profile");
        assertThat(api.get("/api/me/assignments", studio.owner()).expect(403).body())
                .contains("staff profile");
        api.get(RULES, studio.client()).expect(403);
    }

    @Test
    void assignmentsAreTheCallersOwnSessions() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        TestStudio.Engineer me = studio.engineer("mixing");
        TestStudio.Engineer colleague = studio.engineer("mixing");
        String room = studio.room();
        String service = studio.service().withEngineerSkilled("mixing").create();
        String booking = studio.book(
                        BookingRequest.booking(room, service, at(2, 10), at(2, 11))
                                .withStaff(me.id()),
                        studio.client())
                .bookingId();

        String window = "?from=" + at(1, 0) + "&to=" + at(4, 0);
        assertThat(api.get("/api/me/assignments" + window, me.token())
                        .expect(200)
                        .json()
                        .findValuesAsString("id"))
                .containsExactly(booking);
        assertThat(api.get("/api/me/assignments" + window, colleague.token())
                        .json()
                        .isEmpty())
                .isTrue();
        assertThat(api.get("/api/me/assignments", me.token()).json().findValuesAsString("id"))
                .containsExactly(booking);
        assertThat(api.get("/api/me/assignments?from=" + at(1, 0) + "&to=" + at(100, 0), me.token())
                        .invalidFields())
                .containsExactly("to");
        api.get("/api/me/assignments?from=%2B999999999-01-01T00:00:00Z", me.token())
                .expect(400);
    }
}
