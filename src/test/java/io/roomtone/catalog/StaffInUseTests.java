package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.NewStaff;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A staff member with sessions ahead stays on the team until those sessions are gone.
 *
 * <p>A test double of the {@link StaffAssignments} port answers beside the booking module's, out of
 * order, so that the refusal is shown to list every port's bookings by start (this class therefore
 * runs in a Spring context of its own).
 */
@RoomtoneTest
class StaffInUseTests {

    @TestConfiguration
    static class Assignments {
        @Bean
        FakeAssignments fakeAssignments() {
            return new FakeAssignments();
        }
    }

    static class FakeAssignments implements StaffAssignments {
        final Map<UUID, List<Assignment>> byStaff = new ConcurrentHashMap<>();

        @Override
        public List<Assignment> upcomingFor(UUID staffId) {
            return byStaff.getOrDefault(staffId, List.of());
        }
    }

    /** The refusal's list of bookings, beside the problem's code and detail. */
    record InUse(String code, String detail, List<Assigned> bookings) {
        record Assigned(String code, String startAt) {}
    }

    @Autowired
    Api api;

    @Autowired
    FakeAssignments assignments;

    String owner;
    String id;

    /** Sam works two sessions ahead: RT-A1 on 1 May, RT-B2 on 2 May (the port lists them the other way round). */
    @BeforeEach
    void samHasTwoSessionsAhead() {
        owner = api.ownerToken();
        id = NewStaff.invited(api).id();
        assignments.byStaff.put(
                UUID.fromString(id),
                List.of(
                        new StaffAssignments.Assignment(
                                UUID.randomUUID(), "RT-B2", Instant.parse("2031-05-02T10:00:00Z")),
                        new StaffAssignments.Assignment(
                                UUID.randomUUID(), "RT-A1", Instant.parse("2031-05-01T10:00:00Z"))));
    }

    @AfterEach
    void forgetTheirSessions() {
        assignments.byStaff.remove(UUID.fromString(id));
    }

    private static void assertRefusedNamingTheSessions(Response refused) {
        InUse inUse = refused.expect(409).as(InUse.class);
        assertThat(inUse.code()).isEqualTo("in_use");
        assertThat(inUse.detail()).isEqualTo("Sam Engineer is assigned to 2 upcoming bookings: RT-A1, RT-B2");
        assertThat(inUse.bookings()).extracting(InUse.Assigned::code).containsExactly("RT-A1", "RT-B2");
        assertThat(inUse.bookings().get(0).startAt()).isEqualTo("2031-05-01T10:00:00Z");
    }

    @Test
    void aStaffMemberWithSessionsAheadCannotBeDeactivated() {
        assertRefusedNamingTheSessions(api.patch("/api/admin/staff/" + id, json("active", false), owner));

        StaffView still = api.get("/api/admin/staff/" + id, owner).expect(200).as(StaffView.class);
        assertThat(still.active()).isTrue();
    }

    @Test
    void aStaffMemberWithSessionsAheadCannotBeRemoved() {
        assertRefusedNamingTheSessions(api.delete("/api/admin/staff/" + id, owner));

        StaffView still = api.get("/api/admin/staff/" + id, owner).expect(200).as(StaffView.class);
        assertThat(still.active()).isTrue();
    }

    @Test
    void otherChangesStayPossibleMeanwhile() {
        api.patch("/api/admin/staff/" + id, json("hourly_rate_cents", 1), owner).expect(200);
    }

    @Test
    void onceTheirSessionsAreGoneTheyCanBeDeactivatedAndRemoved() {
        assignments.byStaff.remove(UUID.fromString(id));

        api.patch("/api/admin/staff/" + id, json("active", false), owner).expect(200);
        api.delete("/api/admin/staff/" + id, owner).expect(204);
    }
}
