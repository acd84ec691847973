package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.NewStaff.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.AccountMailbox;
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

/**
 * A staff member added without a password is mailed an invitation, and chooses their own password by
 * accepting its link. The link is only ever in the mail (read here from the outbox); resending after
 * the mail's window, and a dozen parallel resends, are in {@code notifications.StaffInvitationMailTests}.
 */
@RoomtoneTest
class StaffInvitationTests {

    @Autowired
    Api api;

    @Autowired
    AccountMailbox mailbox;

    private String invitation(StaffView invited) {
        return mailbox.invitationToken(invited.email());
    }

    private Response accept(String invitation, String password) {
        return api.post("/api/auth/accept-invitation", json("token", invitation, "password", password), null);
    }

    @Test
    void aStaffMemberWithoutAPasswordIsMailedAnInvitationForAWeekThatNoAnswerCarries() {
        Response created = NewStaff.add(api, NewStaff.email(), null).expect(201);
        StaffView invited = created.as(StaffView.class);

        assertThat(invited.canSignIn()).isFalse();
        assertThat(created.json().has("invitation_token")).isFalse();
        assertThat(Instant.parse(invited.invitationSentAt()))
                .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        assertThat(Instant.parse(invited.invitationExpiresAt()))
                .isBetween(Instant.now().plus(Duration.ofDays(6)), Instant.now().plus(Duration.ofDays(8)));
        String token = invitation(invited);
        assertThat(created.body()).doesNotContain(token);
        assertThat(api.get("/api/admin/staff/" + invited.id(), api.ownerToken()).body())
                .doesNotContain(token);
    }

    @Test
    void askingAgainWithinMinutesIsAnsweredByTheMailOnItsWay() {
        StaffView invited = NewStaff.invited(api);
        String first = invitation(invited);

        Response again = api.post("/api/admin/staff/" + invited.id() + "/invitation", null, api.ownerToken())
                .expect(201);

        InvitationView reissued = again.as(InvitationView.class);
        assertThat(reissued.invitationSentAt()).isNotBlank();
        assertThat(reissued.invitationExpiresAt()).isNotBlank();
        assertThat(again.json().has("invitation_token")).isFalse();
        // no second mail, no second link: the first one still works
        assertThat(invitation(invited)).isEqualTo(first);
        accept(first, "invited-pass-1").expect(200);
    }

    @Test
    void acceptingTheInvitationSignsThemInAsStaff() {
        StaffView invited = NewStaff.invited(api);

        String token = accept(invitation(invited), "invited-pass-1")
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
        String token = accept(invitation(invited), "invited-pass-1")
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
        String token = invitation(invited);

        api.delete("/api/admin/staff/" + invited.id(), api.ownerToken()).expect(204);

        assertThat(accept(token, "too-late-1").expect(400).problem().field()).isEqualTo("token");
    }
}
