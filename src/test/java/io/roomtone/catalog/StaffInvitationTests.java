package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.NewStaff.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.InvitationView;
import io.roomtone.support.NewStaff;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A staff member added without a password is invited, and chooses their own password by accepting. */
@RoomtoneTest
class StaffInvitationTests {

    @Autowired
    Api api;

    private Response accept(String invitation, String password) {
        return api.post("/api/auth/accept-invitation", json("token", invitation, "password", password), null);
    }

    private InvitationView reissue(String id) {
        return api.post("/api/admin/staff/" + id + "/invitation", null, api.ownerToken())
                .expect(201)
                .as(InvitationView.class);
    }

    @Test
    void aStaffMemberWithoutAPasswordIsInvitedForAWeek() {
        StaffView invited = NewStaff.invited(api);

        assertThat(invited.canSignIn()).isFalse();
        assertThat(invited.invitationToken()).isNotBlank();
        assertThat(Instant.parse(invited.invitationExpiresAt()))
                .isBetween(Instant.now().plus(Duration.ofDays(6)), Instant.now().plus(Duration.ofDays(8)));
    }

    @Test
    void aNewInvitationReplacesTheOldLink() {
        StaffView invited = NewStaff.invited(api);

        InvitationView reissued = reissue(invited.id());

        assertThat(reissued.invitationToken()).isNotEqualTo(invited.invitationToken());
        assertThat(reissued.invitationExpiresAt()).isNotBlank();
        // only the latest link works
        accept(invited.invitationToken(), "invited-pass-1").expect(400);
        accept(reissued.invitationToken(), "invited-pass-1").expect(200);
    }

    @Test
    void acceptingTheInvitationSignsThemInAsStaff() {
        StaffView invited = NewStaff.invited(api);

        String token = accept(invited.invitationToken(), "invited-pass-1")
                .expect(200)
                .json()
                .get("token")
                .asString();

        assertThat(session(api, token).role()).isEqualTo("staff");
        assertThat(session(api, token).userId()).isEqualTo(invited.userId());
        assertThat(api.get("/api/admin/staff/" + invited.id(), api.ownerToken())
                        .as(StaffView.class)
                        .canSignIn())
                .isTrue();
    }

    @Test
    void onceAcceptedThePasswordIsTheirsAlone() {
        StaffView invited = NewStaff.invited(api);
        String token = accept(invited.invitationToken(), "invited-pass-1")
                .expect(200)
                .json()
                .get("token")
                .asString();

        // the studio can neither reset it nor invite them again
        api.post("/api/admin/staff/" + invited.id() + "/invitation", null, api.ownerToken())
                .expect(403);
        api.patch("/api/admin/staff/" + invited.id(), json("password", "reset-by-owner"), api.ownerToken())
                .expect(403);
        session(api, token);
    }

    @Test
    void removingAStaffMemberRevokesTheirPendingInvitation() {
        StaffView invited = NewStaff.invited(api);

        api.delete("/api/admin/staff/" + invited.id(), api.ownerToken()).expect(204);

        assertThat(accept(invited.invitationToken(), "too-late-1")
                        .expect(400)
                        .problem()
                        .field())
                .isEqualTo("token");
    }
}
