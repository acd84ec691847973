package io.roomtone.catalog;

import static io.roomtone.support.Api.UNKNOWN_ID;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.NewStaff;
import io.roomtone.support.ProblemView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Staff the studio cannot keep are refused with their fields named, and nothing is written. */
@RoomtoneTest
class StaffValidationTests {

    @Autowired
    Api api;

    private ProblemView refusedToAdd(Object... namesAndValues) {
        return api.post("/api/admin/staff", json(namesAndValues), api.ownerToken())
                .expect(400)
                .problem();
    }

    @Test
    void aStaffMemberNeedsAnEmailAndAName() {
        ProblemView missing = refusedToAdd("skills", List.of("x"));

        assertThat(missing.code()).isEqualTo("validation_failed");
        assertThat(missing.fields()).containsExactlyInAnyOrder("email", "name");
    }

    @Test
    void aNegativeRateAndFiftyOneSkillsAreRefused() {
        ProblemView ranges = refusedToAdd(
                "email",
                NewStaff.email(),
                "name",
                "X",
                "hourly_rate_cents",
                -1,
                "skills",
                Collections.nCopies(51, "s"));

        assertThat(ranges.fields()).containsExactlyInAnyOrder("hourly_rate_cents", "skills");
    }

    @Test
    void aMalformedEmailIsRefused() {
        assertThat(refusedToAdd("email", "not-an-email", "name", "X").field()).isEqualTo("email");
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThat(refusedToAdd("email", NewStaff.email(), "name", "X", "password", "short")
                        .field())
                .isEqualTo("password");
    }

    @Test
    void anUnknownCalendarProviderIsRefusedNamingTheKnownOnes() {
        ProblemView provider =
                refusedToAdd("email", NewStaff.email(), "name", "X", "default_calendar_provider", "icloud");

        assertThat(provider.field()).isEqualTo("default_calendar_provider");
        assertThat(provider.message()).contains("google", "outlook", "apple");
    }

    @Test
    void aRefusedStaffMemberLeavesNoStaffAndNoAccountBehind() {
        String email = NewStaff.email();
        refusedToAdd("email", email, "name", "X", "hourly_rate_cents", -1, "skills", Collections.nCopies(51, "s"));
        refusedToAdd("email", email, "name", "X", "password", "short");
        refusedToAdd("email", email, "name", "X", "default_calendar_provider", "icloud");

        assertThat(api.get("/api/admin/staff", api.ownerToken()).body()).doesNotContain(email);
        // no account was left behind either: the email is still free to register (a registration
        // that finds an account sends no confirmation, so this one would fail)
        api.register(email, "client-password", "Client", null);
    }

    @Test
    void anInvalidUpdateNamesItsFields() {
        String owner = api.ownerToken();
        String id = NewStaff.invited(api).id();

        ProblemView fields = api.patch(
                        "/api/admin/staff/" + id,
                        json("name", " ", "hourly_rate_cents", -3, "password", "short"),
                        owner)
                .expect(400)
                .problem();
        ProblemView provider = api.patch("/api/admin/staff/" + id, json("default_calendar_provider", "yahoo"), owner)
                .expect(400)
                .problem();

        assertThat(fields.fields()).containsExactlyInAnyOrder("name", "hourly_rate_cents");
        assertThat(provider.field()).isEqualTo("default_calendar_provider");
    }

    @Test
    void anInvalidUpdateChangesNothing() {
        String owner = api.ownerToken();
        String id = NewStaff.invited(api).id();

        api.patch("/api/admin/staff/" + id, json("name", " ", "hourly_rate_cents", -3, "password", "short"), owner)
                .expect(400);
        api.patch("/api/admin/staff/" + id, json("default_calendar_provider", "yahoo"), owner)
                .expect(400);

        StaffView after = api.get("/api/admin/staff/" + id, owner).expect(200).as(StaffView.class);
        assertThat(after.name()).isEqualTo("Sam Engineer");
        assertThat(after.hourlyRateCents()).isEqualTo(4_500);
        assertThat(after.defaultCalendarProvider()).isEqualTo("google");
        assertThat(after.canSignIn()).isFalse();
    }

    @Test
    void unknownStaffAreNotFound() {
        String owner = api.ownerToken();
        String path = "/api/admin/staff/" + UNKNOWN_ID;

        assertThat(List.of(
                        api.get(path, owner).status(),
                        api.patch(path, json("name", "X"), owner).status(),
                        api.delete(path, owner).status(),
                        api.post(path + "/invitation", null, owner).status(),
                        api.post(path + "/ics-token", null, owner).status()))
                .containsOnly(404);
    }

    @Test
    void aMalformedIdIsRefusedNamingIt() {
        String owner = api.ownerToken();

        assertThat(api.get("/api/admin/staff/not-a-uuid", owner)
                        .expect(400)
                        .problem()
                        .field())
                .isEqualTo("id");
        api.post("/api/admin/staff/not-a-uuid/ics-token", null, owner).expect(400);
    }
}
