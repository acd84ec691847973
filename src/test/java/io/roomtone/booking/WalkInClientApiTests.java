package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A walk-in or phone client who gives a name and a phone but no e-mail address is a client like any
 * other (issue 8): created, found, booked for and corrected through {@code /api/admin/clients}; a
 * client always keeps an e-mail or a phone.
 */
@RoomtoneTest
class WalkInClientApiTests {

    @Autowired
    Api api;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api);
    }

    private Response create(String name, String email, String phone) {
        return api.post("/api/admin/clients", json("name", name, "email", email, "phone", phone), studio.owner());
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

    private JsonNode client(String id) {
        return api.get("/api/admin/clients/" + id, studio.owner()).expect(200).json();
    }

    private List<String> found(String q) {
        List<String> names = new ArrayList<>();
        api.get("/api/admin/clients?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), studio.owner())
                .expect(200)
                .json()
                .get("items")
                .forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    @Test
    void aWalkInWithANameAndAPhoneButNoEmailIsCreatedAndFoundByPhone() {
        Response answer = create("Sam Walk-In", null, "+49 176 1234567").expect(201);
        assertThat(answer.json().get("email").isNull()).isTrue();
        String id = answer.json().get("id").asString();

        JsonNode stored = client(id);
        assertThat(stored.get("name").asString()).isEqualTo("Sam Walk-In");
        assertThat(stored.get("email").isNull()).isTrue();
        assertThat(stored.get("phone").asString()).isEqualTo("+491761234567");
        assertThat(stored.get("bookings_count").asLong()).isZero();

        for (String q : List.of("+49 176 1234567", "491761234567", "1234567", "sam walk")) {
            assertThat(found(q)).as(q).containsExactly("Sam Walk-In");
        }
        // a blank e-mail, as a form sends it, is no e-mail
        JsonNode blank =
                create("Blank Mail", "   ", "+49 176 7654321").expect(201).json();
        assertThat(blank.get("email").isNull()).isTrue();
        // and someone with an e-mail only still works as before
        assertThat(create("Mail Only", "mail-only@example.test", null)
                        .expect(201)
                        .json()
                        .get("phone")
                        .isNull())
                .isTrue();
    }

    @Test
    void theOpenApiDescriptionSaysOnlyTheNameIsRequired() {
        JsonNode schemas = api.get("/v3/api-docs", null)
                .expect(200)
                .json()
                .get("components")
                .get("schemas");
        JsonNode newClient = schemas.get("NewClient");
        List<String> required = new ArrayList<>();
        newClient.path("required").forEach(field -> required.add(field.asString()));
        assertThat(required).containsExactly("name");
        assertThat(newClient.get("properties").get("email").get("description").asString())
                .contains("Optional when a phone is given");
        assertThat(newClient.get("properties").get("phone").get("description").asString())
                .contains("Optional when an e-mail is given");
    }

    @Test
    void neitherAnEmailNorAPhoneIsRefusedNamingBothFieldsAndNothingIsWritten() {
        Response refused = create("Nobody Reachable", null, null);
        assertThat(refused.invalidFields()).containsExactlyInAnyOrder("email", "phone");
        assertThat(refused.body()).contains("is required when there is no phone");
        assertThat(create("Nobody Reachable", "", "  ").invalidFields()).containsExactlyInAnyOrder("email", "phone");
        // a bad e-mail is still named as such, even with a phone
        assertThat(create("Nobody Reachable", "not-an-email", "+49 176 1000001").invalidFields())
                .containsExactly("email");
        assertThat(create(null, null, "+49 176 1000001").invalidFields()).containsExactly("name");
        assertThat(found("Nobody Reachable")).isEmpty();
        assertThat(api.get("/api/admin/clients", studio.owner()).json().get("items"))
                .isEmpty();
    }

    @Test
    void aMergePatchMayClearTheEmailOrThePhoneButNeverBoth() {
        String id = created("Pat Both", "pat@example.test", "+49 176 5550100");

        // both at once: both named, nothing changed
        assertThat(patch(id, "{\"email\": null, \"phone\": null}").invalidFields())
                .containsExactlyInAnyOrder("email", "phone");
        assertThat(client(id).get("email").asString()).isEqualTo("pat@example.test");

        JsonNode noEmail = patch(id, "{\"email\": null}").expect(200).json();
        assertThat(noEmail.get("email").isNull()).isTrue();
        assertThat(noEmail.get("phone").asString()).isEqualTo("+491765550100");
        // the phone is now the last way to reach them
        Response lastPhone = patch(id, "{\"phone\": null}");
        assertThat(lastPhone.invalidFields()).containsExactly("phone");
        assertThat(lastPhone.body()).contains("cannot be cleared while the client has no email");
        assertThat(patch(id, "{\"phone\": \"   \"}").invalidFields()).containsExactly("phone");
        assertThat(client(id).get("phone").asString()).isEqualTo("+491765550100");

        // an e-mail given back, then the phone may go, and then the e-mail may not
        patch(id, "{\"email\": \"Pat.Again@Example.TEST\"}").expect(200);
        JsonNode noPhone = patch(id, "{\"phone\": null}").expect(200).json();
        assertThat(noPhone.get("email").asString()).isEqualTo("pat.again@example.test");
        assertThat(noPhone.get("phone").isNull()).isTrue();
        assertThat(patch(id, "{\"email\": null}").invalidFields()).containsExactly("email");
        // swapping in one patch is fine
        JsonNode swapped = patch(id, "{\"email\": null, \"phone\": \"+49 176 999999\"}")
                .expect(200)
                .json();
        assertThat(swapped.get("email").isNull()).isTrue();
        assertThat(swapped.get("phone").asString()).isEqualTo("+49176999999");
    }

    @Test
    void desksClearingTheEmailAndThePhoneAtOnceNeverLeaveAClientUnreachable() {
        for (int round = 0; round < 3; round++) {
            String id = created("Racer " + round, "racer" + round + "@example.test", "+49 176 100000" + round);
            List<Response> answers =
                    Parallel.send(8, i -> patch(id, i % 2 == 0 ? "{\"email\": null}" : "{\"phone\": null}"));
            assertThat(Parallel.count(answers, 200) + Parallel.count(answers, 400))
                    .as(answers.toString())
                    .isEqualTo(8);
            for (Response answer : answers) {
                if (answer.status() == 400) {
                    // the refusal names the field, as the service's own check does
                    assertThat(answer.invalidFields()).hasSize(1);
                }
            }
            JsonNode stored = client(id);
            assertThat(stored.get("email").isNull() && stored.get("phone").isNull())
                    .as(stored.toString())
                    .isFalse();
        }
    }

    @Test
    void aDuplicateEmailIsStillRefusedWhileAnyNumberOfClientsHaveNone() {
        created("Has Mail", "dup-walkin@example.test", null);
        assertThat(create("Second", "DUP-walkin@example.test", "+49 176 1000001")
                        .expect(409)
                        .problem()
                        .code())
                .isEqualTo("conflict");
        assertThat(found("Second")).isEmpty();

        String first = created("No Mail One", null, "+49 176 1110000");
        created("No Mail Two", null, "+49 176 2220000");
        created("No Mail Three", null, "+49 176 1110000");
        // giving a walk-in an address someone else has is still a conflict
        patch(first, "{\"email\": \"dup-walkin@example.test\"}").expect(409);
        assertThat(client(first).get("email").isNull()).isTrue();
        patch(first, "{\"email\": \"one@example.test\"}").expect(200);
        assertThat(client(first).get("email").asString()).isEqualTo("one@example.test");
    }

    @Test
    void clearingAClientsEmailSignsThemOutForTheyCannotSignInWithoutOne() {
        String token = studio.client();
        String id = studio.userId(token);
        String email = client(id).get("email").asString();
        api.get("/api/auth/session", token).expect(200);

        patch(id, "{\"phone\": \"+49 176 3334444\", \"email\": null}").expect(200);

        api.get("/api/auth/session", token).expect(401);
        api.get("/api/me/bookings", token).expect(401);
        // nobody can sign in with the old address any more
        api.post("/api/auth/login", json("email", email, "password", "client-password"), null)
                .expect(401);
    }

    @Test
    void theStudioBooksForAWalkInWithoutEmailAndEveryDeskPageShowsThemWithoutNull() {
        studio.openWithoutApproval();
        String room = studio.room("live");
        String service = studio.service().inRoomsTagged("live").create();
        String id = created("Walker Nomail", null, "+49 176 4445555");

        String bookingId = studio.book(
                        booking(room, service, at(2, 10), at(2, 11)).forClient(id), studio.owner())
                .bookingId();
        assertThat(client(id).get("bookings_count").asLong()).isEqualTo(1);
        assertThat(api.get("/api/admin/bookings?client_id=" + id, studio.owner())
                        .expect(200)
                        .body())
                .contains(bookingId);

        String cookie = RequestAuthentication.SESSION_COOKIE + "=" + studio.owner();
        for (String path : List.of(
                "/admin/clients",
                "/admin/clients?q=49176",
                "/admin/clients/" + id,
                "/admin/bookings",
                "/admin/bookings/" + bookingId,
                "/admin/calendar/booking/" + bookingId,
                "/admin/calendar?view=day&date=" + at(2, 10).substring(0, 10),
                "/admin",
                "/admin/audit")) {
            Response page = api.send("GET", path, null, null, Map.of("Accept", "text/html", "Cookie", cookie));
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).doesNotContainPattern(">\\s*null\\s*<|\\(null\\)|· null");
        }
        Response clientPage =
                api.send("GET", "/admin/clients/" + id, null, null, Map.of("Accept", "text/html", "Cookie", cookie));
        assertThat(clientPage.body()).contains("no e-mail").contains("+491764445555");
        Response list = api.send("GET", "/admin/bookings", null, null, Map.of("Accept", "text/html", "Cookie", cookie));
        assertThat(list.body()).contains("Walker Nomail").contains("+491764445555");
        // the list's client filter finds them by their phone
        Response byPhone = api.send(
                "GET", "/admin/bookings?client=4445555", null, null, Map.of("Accept", "text/html", "Cookie", cookie));
        assertThat(byPhone.body()).contains("Walker Nomail");
    }
}
