package io.roomtone.scheduling;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rules, closures and buffers point at their room, staff member or service through typed foreign
 * keys that cascade: deleting the target deletes them, and a target of another studio cannot be
 * named. The API keeps its {@code target_type}/{@code target_id} shape.
 */
@RoomtoneTest
class TargetKeysTests {

    @Autowired
    Api api;

    private String rule(TestStudio studio, String type, String target) {
        return api.post(
                        "/api/admin/schedule-rules",
                        json(
                                "target_type",
                                type,
                                "target_id",
                                target,
                                "byweekday",
                                List.of(1),
                                "start_time",
                                "22:00",
                                "end_time",
                                "02:00"),
                        studio.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private String closure(TestStudio studio, String type, String target) {
        return api.post(
                        "/api/admin/exceptions",
                        json(
                                "target_type",
                                type,
                                "target_id",
                                target,
                                "start_at",
                                TestStudio.at(5, 10),
                                "end_at",
                                TestStudio.at(5, 12)),
                        studio.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private String buffer(TestStudio studio, String scope, String target) {
        return api.post(
                        "/api/admin/buffers",
                        json("scope", scope, "target_id", target, "before_min", 10, "after_min", 5),
                        studio.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void deletingARoomDeletesItsRulesClosuresAndBuffer() {
        TestStudio studio = new TestStudio(api);
        String room = studio.room();
        String other = studio.room();
        String rule = rule(studio, "room", room);
        String closure = closure(studio, "room", room);
        String buffer = buffer(studio, "room", room);
        String kept = rule(studio, "room", other);

        assertThat(api.get("/api/admin/schedule-rules/" + rule, studio.owner())
                        .expect(200)
                        .json()
                        .get("target_id")
                        .asString())
                .isEqualTo(room);
        api.delete("/api/admin/rooms/" + room, studio.owner()).expect(204);

        api.get("/api/admin/schedule-rules/" + rule, studio.owner()).expect(404);
        api.get("/api/admin/exceptions/" + closure, studio.owner()).expect(404);
        api.get("/api/admin/buffers/" + buffer, studio.owner()).expect(404);
        api.get("/api/admin/schedule-rules/" + kept, studio.owner()).expect(200);
    }

    @Test
    void deletingAStaffMemberOrAServiceDeletesWhatPointsAtThem() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer engineer = studio.engineer("mixing");
        String service = studio.service().create();
        String rule = rule(studio, "staff", engineer.id());
        String closure = closure(studio, "staff", engineer.id());
        String staffBuffer = buffer(studio, "staff", engineer.id());
        String serviceBuffer = buffer(studio, "service", service);

        api.delete("/api/admin/staff/" + engineer.id(), studio.owner()).expect(204);
        api.delete("/api/admin/services/" + service, studio.owner()).expect(204);

        api.get("/api/admin/schedule-rules/" + rule, studio.owner()).expect(404);
        api.get("/api/admin/exceptions/" + closure, studio.owner()).expect(404);
        api.get("/api/admin/buffers/" + staffBuffer, studio.owner()).expect(404);
        api.get("/api/admin/buffers/" + serviceBuffer, studio.owner()).expect(404);
    }

    @Test
    void anotherStudiosRoomStaffOrServiceCannotBeNamed() {
        TestStudio ours = new TestStudio(api);
        TestStudio theirs = new TestStudio(api);
        String room = theirs.room();
        String service = theirs.service().create();
        TestStudio.Engineer engineer = theirs.engineer("mixing");
        String rules = api.get("/api/admin/schedule-rules", ours.owner()).body();

        assertThat(api.post(
                                "/api/admin/schedule-rules",
                                json(
                                        "target_type",
                                        "room",
                                        "target_id",
                                        room,
                                        "byweekday",
                                        List.of(1),
                                        "start_time",
                                        "09:00",
                                        "end_time",
                                        "17:00"),
                                ours.owner())
                        .invalidFields())
                .containsExactly("target_id");
        assertThat(api.post(
                                "/api/admin/exceptions",
                                json(
                                        "target_type",
                                        "staff",
                                        "target_id",
                                        engineer.id(),
                                        "start_at",
                                        TestStudio.at(5, 10),
                                        "end_at",
                                        TestStudio.at(5, 12)),
                                ours.owner())
                        .invalidFields())
                .containsExactly("target_id");
        assertThat(api.post(
                                "/api/admin/buffers",
                                json("scope", "service", "target_id", service, "before_min", 5),
                                ours.owner())
                        .invalidFields())
                .containsExactly("target_id");
        // moving one of our rules onto their room is refused the same way
        String ourRule = rule(ours, "room", ours.room());
        assertThat(api.patch("/api/admin/schedule-rules/" + ourRule, json("target_id", room), ours.owner())
                        .invalidFields())
                .containsExactly("target_id");
        assertThat(api.get("/api/admin/schedule-rules/" + ourRule, ours.owner())
                        .json()
                        .get("target_id")
                        .asString())
                .isNotEqualTo(room);
        assertThat(rules).doesNotContain(room);
    }
}
