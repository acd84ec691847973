package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.Callers;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The back office finds, creates and corrects clients, and sees what each has booked. */
@RoomtoneTest
class ClientApiTests {

    @Autowired
    Api api;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api);
    }

    private Response create(String name, String email, String phone) {
        return api.post("/api/admin/clients", Api.json("name", name, "email", email, "phone", phone), studio.owner());
    }

    private String created(String name, String email, String phone) {
        return create(name, email, phone).expect(201).json().get("id").asString();
    }

    private Response patch(String id, String body) {
        return api.send(
                "PATCH",
                "/api/admin/clients/" + id,
                body,
                studio.owner(),
                Map.of("Content-Type", "application/merge-patch+json"));
    }

    private List<String> names(Response page) {
        List<String> names = new ArrayList<>();
        page.expect(200)
                .json()
                .get("items")
                .forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    @Test
    void aWalkInClientIsCreatedWithoutAPasswordAndFoundByNameEmailOrPhone() {
        String id = created("Nina Walk-In", " Nina.Walk@Example.TEST ", "+1 (555) 010-0199");

        JsonNode client =
                api.get("/api/admin/clients/" + id, studio.owner()).expect(200).json();
        assertThat(client.get("email").asString()).isEqualTo("nina.walk@example.test");
        assertThat(client.get("phone").asString()).isEqualTo("+15550100199");
        assertThat(client.get("bookings_count").asLong()).isZero();
        assertThat(client.get("total_cents").asLong()).isZero();

        for (String q : List.of("nina", "WALK-IN", "walk@example", "555 010", "5550100199", "010-0199")) {
            assertThat(names(api.get("/api/admin/clients?q=" + q.replace(" ", "%20"), studio.owner())))
                    .as(q)
                    .containsExactly("Nina Walk-In");
        }
        // wildcards are searched for literally
        assertThat(names(api.get("/api/admin/clients?q=%25", studio.owner()))).isEmpty();
        assertThat(names(api.get("/api/admin/clients?q=_", studio.owner()))).isEmpty();
        // no password: they cannot sign in
        api.post("/api/auth/login", json("email", "nina.walk@example.test", "password", "anything-at-all"), null)
                .expect(401);
    }

    @Test
    void aDuplicateEmailIsAConflictEvenUnder12ParallelCreations() {
        created("First", "dup@example.test", null);
        assertThat(create("Second", "DUP@example.test", null)
                        .expect(409)
                        .problem()
                        .code())
                .isEqualTo("conflict");

        List<Response> answers = Parallel.send(12, i -> create("Racer " + i, "race@example.test", null));
        assertThat(Parallel.count(answers, 201)).as(answers.toString()).isEqualTo(1);
        assertThat(Parallel.count(answers, 409)).as(answers.toString()).isEqualTo(11);
    }

    @Test
    void badFieldsAreNamed() {
        assertThat(create(null, null, null).invalidFields()).containsExactlyInAnyOrder("name", "email", "phone");
        assertThat(create("A", "not-an-email", null).invalidFields()).containsExactly("email");
        assertThat(create("A", "zero\u200Bwidth@example.test", null).invalidFields())
                .containsExactly("email");
        assertThat(create("Evil\u202Egnp.exe", "bidi@example.test", null).invalidFields())
                .containsExactly("name");
        assertThat(create("Line\nbreak", "nl@example.test", null).invalidFields())
                .containsExactly("name");
        assertThat(create("A", "long@example.test", "5".repeat(41)).invalidFields())
                .containsExactly("phone");
        assertThat(create("x".repeat(201), "longname@example.test", null).invalidFields())
                .containsExactly("name");
        // nothing was written
        assertThat(api.get("/api/admin/clients", studio.owner()).json().get("items"))
                .isEmpty();
    }

    @Test
    void pagesNeverStopSilently() {
        for (int i = 0; i < 7; i++) {
            created("Pager " + i, "pager" + i + "@example.test", null);
        }
        List<String> seen = new ArrayList<>();
        String next = "0";
        int pages = 0;
        while (next != null) {
            JsonNode page = api.get("/api/admin/clients?q=pager&limit=3&offset=" + next, studio.owner())
                    .expect(200)
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("name").asString()));
            next = page.get("next_offset").isNull()
                    ? null
                    : page.get("next_offset").asString();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("Pager 0", "Pager 1", "Pager 2", "Pager 3", "Pager 4", "Pager 5", "Pager 6");

        assertThat(api.get("/api/admin/clients?limit=0", studio.owner()).invalidFields())
                .containsExactly("limit");
        assertThat(api.get("/api/admin/clients?limit=201", studio.owner()).invalidFields())
                .containsExactly("limit");
        assertThat(api.get("/api/admin/clients?offset=-1", studio.owner()).invalidFields())
                .containsExactly("offset");
        Response notANumber = api.get("/api/admin/clients?limit=lots", studio.owner());
        assertThat(notANumber.invalidFields()).containsExactly("limit");
        assertThat(notANumber.body()).doesNotContain("int").doesNotContain("Integer");
    }

    @Test
    void aMergePatchClearsWithNullAndKeepsWhatIsMissing() {
        String id = created("Patchy", "patchy@example.test", "+1 416 555-0100");

        JsonNode renamed =
                patch(id, "{\"name\": \"  Patchy Renamed \"}").expect(200).json();
        assertThat(renamed.get("name").asString()).isEqualTo("Patchy Renamed");
        assertThat(renamed.get("phone").asString()).isEqualTo("+14165550100");

        JsonNode cleared = patch(id, "{\"phone\": null}").expect(200).json();
        assertThat(cleared.get("phone").isNull()).isTrue();
        assertThat(cleared.get("email").asString()).isEqualTo("patchy@example.test");

        assertThat(patch(id, "{\"name\": null}").invalidFields()).containsExactly("name");
        assertThat(patch(id, "{\"email\": null}").invalidFields()).containsExactly("email");
        assertThat(patch(id, "{\"email\": \"nope\"}").invalidFields()).containsExactly("email");
        assertThat(patch(id, "{\"name\": 42}").invalidFields()).containsExactly("name");
        assertThat(patch(id, "{\"password\": \"sneaky-pass\"}").invalidFields()).containsExactly("password");
        assertThat(patch(id, "{\"role\": \"owner\"}").invalidFields()).containsExactly("role");
        patch(id, "[1, 2]").expect(400);

        created("Other", "taken@example.test", null);
        patch(id, "{\"email\": \"TAKEN@example.test\"}").expect(409);
        JsonNode unchanged = api.get("/api/admin/clients/" + id, studio.owner()).json();
        assertThat(unchanged.get("email").asString()).isEqualTo("patchy@example.test");
        assertThat(unchanged.get("name").asString()).isEqualTo("Patchy Renamed");

        // a plain JSON content type works too
        api.send("PATCH", "/api/admin/clients/" + id, "{\"phone\": \"+1 416 555-0199\"}", studio.owner(), Map.of())
                .expect(200);
    }

    @Test
    void theClientPageCountsBookingsAndAddsUpConfirmedOnes() {
        studio.openWithoutApproval();
        String room = studio.room("live");
        String service = studio.service().inRoomsTagged("live").create();
        String id = created("Regular", "regular@example.test", null);

        BookedView first =
                studio.book(booking(room, service, at(3, 10), at(3, 11)).forClient(id), studio.owner());
        BookedView second =
                studio.book(booking(room, service, at(4, 10), at(4, 12)).forClient(id), studio.owner());
        BookedView canceled =
                studio.book(booking(room, service, at(5, 10), at(5, 11)).forClient(id), studio.owner());
        studio.cancel(canceled.bookingId(), "changed plans", studio.owner());

        JsonNode page =
                api.get("/api/admin/clients/" + id, studio.owner()).expect(200).json();
        assertThat(page.get("bookings_count").asLong()).isEqualTo(3);
        assertThat(page.get("upcoming_count").asLong()).isEqualTo(2);
        assertThat(page.get("total_cents").asLong()).isEqualTo(first.totalCents() + second.totalCents());
        assertThat(page.get("currency").asString()).isNotBlank();
    }

    @Test
    void onlyTheStudiosOwnClientsAndOnlyItsAdmins() {
        String id = created("Mine", "mine@example.test", null);
        TestStudio other = new TestStudio(api);

        api.get("/api/admin/clients/" + id, other.owner()).expect(404);
        api.send("PATCH", "/api/admin/clients/" + id, "{\"name\": \"Stolen\"}", other.owner(), Map.of())
                .expect(404);
        assertThat(api.get("/api/admin/clients?q=mine", other.owner()).json().get("items"))
                .isEmpty();
        api.get("/api/admin/clients/" + UUID.randomUUID(), studio.owner()).expect(404);
        // a team member is not a client
        api.get("/api/admin/clients/" + studio.userId(studio.owner()), studio.owner())
                .expect(404);
        api.get("/api/admin/clients/not-an-id", studio.owner()).expect(400);

        Callers.assertAdminOnly(
                api,
                json("name", "X", "email", "x@example.test"),
                "GET /api/admin/clients",
                "POST /api/admin/clients",
                "GET /api/admin/clients/" + Api.UNKNOWN_ID,
                "PATCH /api/admin/clients/" + Api.UNKNOWN_ID);
    }
}
