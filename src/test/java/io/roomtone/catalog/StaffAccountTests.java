package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.NewStaff.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.NewStaff;
import io.roomtone.support.ProblemView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SessionView;
import io.roomtone.support.StaffView;
import io.roomtone.support.TestStudio;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A client or the owner may also work at the studio; hiring them links their account, and never
 * hands the studio their password.
 */
@RoomtoneTest
class StaffAccountTests {

    @Autowired
    Api api;

    @Test
    void hiringAClientWithAPasswordIsRefusedAndWritesNothing() {
        String clientToken = api.newClient(null);
        String email = session(api, clientToken).user().email();

        ProblemView takeover = api.post(
                        "/api/admin/staff",
                        json("email", email, "name", "V", "password", "attacker12"),
                        api.ownerToken())
                .expect(403)
                .problem();

        assertThat(takeover.code()).isEqualTo("forbidden");
        assertThat(takeover.detail()).contains("account holder manages their own password");
        assertThat(session(api, clientToken).role()).as("nothing was written").isEqualTo("client");
        assertThat(api.get("/api/admin/staff", api.ownerToken()).body()).doesNotContain(email);
    }

    @Test
    void aClientHiredWithoutAPasswordKeepsTheirOwn() {
        String owner = api.ownerToken();
        String clientToken = api.newClient(null);
        String email = session(api, clientToken).user().email();

        String id = NewStaff.added(api, email, null).id();

        // they work here now, but the studio still cannot set or reset their password
        api.post("/api/admin/staff/" + id + "/invitation", null, owner).expect(403);
        api.patch("/api/admin/staff/" + id, json("password", "attacker12"), owner)
                .expect(403);
        api.post("/api/auth/login", json("email", email, "password", "attacker12"), null)
                .expect(401);
        assertThat(api.login(email, "client-password", null)).isNotBlank();
        session(api, clientToken);
    }

    @Test
    void anExistingClientBecomesStaffAndKeepsTheirAccount() {
        String clientToken = api.newClient(null);
        SessionView before = session(api, clientToken);
        assertThat(before.role()).isEqualTo("client");

        StaffView created = api.post(
                        "/api/admin/staff",
                        json("email", before.user().email(), "name", "Ignored", "skills", List.of("Vocals")),
                        api.ownerToken())
                .expect(201)
                .as(StaffView.class);

        assertThat(created.userId()).isEqualTo(before.userId());
        assertThat(created.canSignIn()).isTrue();
        // they already have a password: no invitation, which would let the studio reset it
        assertThat(created.invitationSentAt()).isNull();
        assertThat(session(api, clientToken).userId()).isEqualTo(before.userId());
        assertThat(session(api, clientToken).role()).isEqualTo("staff");
    }

    @Test
    void theOwnerCanWorkAsStaffAndStaysOwner() {
        TestStudio studio = new TestStudio(api);

        StaffView created = api.post(
                        "/api/admin/staff", json("email", studio.ownerEmail(), "name", "Owner"), studio.owner())
                .expect(201)
                .as(StaffView.class);

        assertThat(session(api, studio.owner()).role()).isEqualTo("owner");
        assertThat(created.invitationSentAt()).isNull();
        api.patch("/api/admin/staff/" + created.id(), json("skills", List.of("Production")), studio.owner())
                .expect(200);
    }

    @Test
    void staffAdministrationCannotTakeOverTheOwnersAccount() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        String id = api.post("/api/admin/staff", json("email", studio.ownerEmail(), "name", "Owner"), owner)
                .expect(201)
                .as(StaffView.class)
                .id();

        api.post("/api/admin/staff/" + id + "/invitation", null, owner).expect(403);
        api.patch("/api/admin/staff/" + id, json("password", "taken-over-1"), owner)
                .expect(403);
        api.patch("/api/admin/staff/" + id, json("email", NewStaff.email()), owner)
                .expect(403);
        assertThat(api.login(studio.ownerEmail(), Api.OtherStudio.OWNER_PASSWORD, studio.slug()))
                .isNotBlank();
    }
}
