package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A service's custom fields: defined and checked on the service, answered on a booking, checked
 * against the fields as they were at request time, and kept with the booking as that snapshot.
 */
@RoomtoneTest
class CustomFieldsApiTests {

    @Autowired
    Api api;

    private static Map<String, Object> field(String key, String label, String type, boolean required, List<?> options) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("key", key);
        field.put("label", label);
        field.put("type", type);
        field.put("required", required);
        if (options != null) {
            field.put("options", options);
        }
        return field;
    }

    private static List<Map<String, Object>> sessionFields() {
        return List.of(
                field("song_title", "Song title", "text", true, null),
                field("musicians", "Number of musicians", "number", false, null),
                field("release_date", "Release date", "date", false, null),
                field("genre", "Genre", "select", true, List.of("Rock", "Jazz", "Hip-hop")),
                field("own_drives", "I bring my own drives", "checkbox", false, null));
    }

    private Response createService(String token, Object customFields) {
        return api.post(
                "/api/admin/services",
                json(
                        "name",
                        Api.unique("Tracking"),
                        "default_duration_min",
                        60,
                        "base_price_cents",
                        10_000,
                        "custom_fields",
                        customFields),
                token);
    }

    @Test
    void aServiceListsItsFieldsPubliclyAndPricingDefaultsToPerBlock() {
        TestStudio studio = new TestStudio(api);
        Response created = createService(studio.owner(), sessionFields()).expect(201);
        String id = created.json().get("id").asString();

        assertThat(created.json().get("pricing_model").asString()).isEqualTo("per_block");
        JsonNode listed = api.get("/api/services", studio.owner()).expect(200).json();
        JsonNode service = null;
        for (JsonNode s : listed) {
            if (s.get("id").asString().equals(id)) {
                service = s;
            }
        }
        assertThat(service).isNotNull();
        assertThat(service.get("custom_fields").findValuesAsString("key"))
                .containsExactly("song_title", "musicians", "release_date", "genre", "own_drives");
        assertThat(service.at("/custom_fields/3/options").toString()).isEqualTo("[\"Rock\",\"Jazz\",\"Hip-hop\"]");
        assertThat(service.at("/custom_fields/0/required").asBoolean()).isTrue();
        assertThat(service.at("/custom_fields/0/options").isEmpty()).isTrue();
    }

    @Test
    void badDefinitionsAreRefusedNamingTheFieldAndNothingIsWritten() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        String before = api.get("/api/admin/services", owner).body();

        List<Map<String, Object>> twentyOne = IntStream.range(0, 21)
                .mapToObj(i -> field("f" + i, "Field " + i, "text", false, null))
                .toList();
        assertThat(createService(owner, twentyOne).invalidFields()).containsExactly("custom_fields");

        List<String> fiftyOne =
                IntStream.range(0, 51).mapToObj(i -> "Option " + i).toList();
        assertThat(createService(owner, List.of(field("genre", "Genre", "select", false, fiftyOne)))
                        .invalidFields())
                .containsExactly("custom_fields[0].options");
        assertThat(createService(owner, List.of(field("Ünïcode", "Key", "text", false, null)))
                        .invalidFields())
                .containsExactly("custom_fields[0].key");
        assertThat(createService(
                                owner,
                                List.of(
                                        field("same", "One", "text", false, null),
                                        field("same", "Two", "text", false, null)))
                        .invalidFields())
                .containsExactly("custom_fields[1].key");
        assertThat(createService(owner, List.of(field("notes2", "x".repeat(81), "text", false, null)))
                        .invalidFields())
                .containsExactly("custom_fields[0].label");
        assertThat(createService(owner, List.of(field("bidi", "Evil\u202Etxt", "text", false, null)))
                        .invalidFields())
                .containsExactly("custom_fields[0].label");
        assertThat(createService(owner, List.of(field("size", "Size", "text", false, List.of("S", "M"))))
                        .invalidFields())
                .containsExactly("custom_fields[0].options");
        assertThat(createService(owner, List.of(field("pick", "Pick", "select", false, List.of("A", " A ", "B"))))
                        .invalidFields())
                .containsExactly("custom_fields[0].options");
        assertThat(createService(owner, List.of(field("pick", "Pick", "select", false, List.of())))
                        .invalidFields())
                .containsExactly("custom_fields[0].options");
        assertThat(createService(owner, List.of(field("kind", "Kind", "colour", false, null)))
                        .invalidFields())
                .containsExactly("custom_fields[0].type");

        assertThat(api.get("/api/admin/services", owner).body()).isEqualTo(before);
    }

    @Test
    void answersAreCheckedAgainstTheFieldsAndBadOnesWriteNothing() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String service = createService(studio.owner(), sessionFields())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String client = studio.client();
        BookingRequest base = BookingRequest.booking(room, service, at(3, 10), at(3, 11));

        assertThat(studio.request(answered(room, service, Map.of("genre", "Rock")), client)
                        .invalidFields())
                .containsExactly("custom_fields.song_title");
        assertThat(studio.request(base, client).invalidFields())
                .containsExactlyInAnyOrder("custom_fields.song_title", "custom_fields.genre");
        assertThat(studio.request(answered(room, service, answers("genre", "Polka")), client)
                        .invalidFields())
                .containsExactly("custom_fields.genre");
        assertThat(studio.request(answered(room, service, answers("tempo", 120)), client)
                        .invalidFields())
                .containsExactly("custom_fields.tempo");
        assertThat(studio.request(answered(room, service, answers("musicians", "four")), client)
                        .invalidFields())
                .containsExactly("custom_fields.musicians");
        assertThat(studio.request(answered(room, service, answers("musicians", Long.MAX_VALUE)), client)
                        .invalidFields())
                .containsExactly("custom_fields.musicians");
        assertThat(studio.request(answered(room, service, answers("release_date", "+999999999-01-01")), client)
                        .invalidFields())
                .containsExactly("custom_fields.release_date");
        assertThat(studio.request(answered(room, service, answers("release_date", "999999999-01-01")), client)
                        .invalidFields())
                .containsExactly("custom_fields.release_date");
        assertThat(studio.request(answered(room, service, answers("own_drives", "yes")), client)
                        .invalidFields())
                .containsExactly("custom_fields.own_drives");
        assertThat(studio.request(answered(room, service, answers("song_title", "x".repeat(1001))), client)
                        .invalidFields())
                .containsExactly("custom_fields.song_title");
        assertThat(studio.request(answered(room, service, answers("song_title", "Sneaky\u202Etitle")), client)
                        .invalidFields())
                .containsExactly("custom_fields.song_title");
        // a number too large for any type: 1e400 (not representable as a double)
        String huge =
                answered(room, service, answers("musicians", "HUGE")).json().replace("\"HUGE\"", "1e400");
        assertThat(api.post("/api/bookings", huge, client).invalidFields()).containsExactly("custom_fields.musicians");
        // an add-on quantity of Long.MAX_VALUE is out of range too
        String addOn = studio.addOn(500);
        assertThat(studio.request(answered(room, service, answers()).withAddOn(addOn, 1), client)
                        .expect(201)
                        .status())
                .isEqualTo(201);
        String tooMany = answered(room, service, answers())
                .with("start_at", at(4, 10))
                .with("end_at", at(4, 11))
                .withAddOn(addOn, 7)
                .json()
                .replace("\"qty\":7", "\"qty\":" + Long.MAX_VALUE);
        assertThat(api.post("/api/bookings", tooMany, client)
                        .expect(400)
                        .problem()
                        .field())
                .startsWith("service_items");

        assertThat(api.get("/api/me/bookings", client).json().get("upcoming")).hasSize(1);
    }

    @Test
    void theStudioBookingForAClientMayLeaveRequiredQuestionsOpenButNotAnswerThemWrongly() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String service = createService(studio.owner(), sessionFields())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String clientId = studio.userId(studio.client());

        assertThat(studio.request(
                                BookingRequest.booking(room, service, at(3, 10), at(3, 11))
                                        .forClient(clientId)
                                        .with("custom_fields", answers("genre", "Polka")),
                                studio.owner())
                        .invalidFields())
                .containsExactly("custom_fields.genre");
        studio.request(
                        BookingRequest.booking(room, service, at(3, 10), at(3, 11))
                                .forClient(clientId),
                        studio.owner())
                .expect(201);
    }

    @Test
    void aBookingKeepsItsAnswersAndLabelsWhenTheServiceChanges() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String service = createService(studio.owner(), sessionFields())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String client = studio.client();
        Map<String, Object> answers = new LinkedHashMap<>(answers());
        answers.put("musicians", 4);
        answers.put("release_date", "2027-01-15");
        answers.put("own_drives", true);
        String id = studio.book(answered(room, service, answers), client).bookingId();

        api.patch(
                        "/api/admin/services/" + service,
                        json("custom_fields", List.of(field("song_title", "Working title", "text", false, null))),
                        studio.owner())
                .expect(200);

        JsonNode mine =
                api.get("/api/bookings/" + id, client).expect(200).json().get("custom_fields");
        assertThat(mine.findValuesAsString("key"))
                .containsExactly("song_title", "musicians", "release_date", "genre", "own_drives");
        assertThat(mine.get(0).get("label").asString()).isEqualTo("Song title");
        assertThat(mine.get(0).get("value").asString()).isEqualTo("Blue in Green");
        assertThat(mine.get(1).get("type").asString()).isEqualTo("number");
        assertThat(mine.get(1).get("value").asInt()).isEqualTo(4);
        assertThat(mine.get(2).get("value").asString()).isEqualTo("2027-01-15");
        assertThat(mine.get(3).get("value").asString()).isEqualTo("Jazz");
        assertThat(mine.get(4).get("value").asBoolean()).isTrue();

        JsonNode admin =
                api.get("/api/admin/bookings", studio.owner()).expect(200).json();
        assertThat(admin.get(0).get("custom_fields")).isEqualTo(mine);
        assertThat(api.get("/api/me/bookings", client).json().at("/upcoming/0/custom_fields"))
                .isEqualTo(mine);

        // the next booking answers the fields as they are now
        String next = studio.book(
                        BookingRequest.booking(room, service, at(5, 10), at(5, 11))
                                .with("custom_fields", Map.of("song_title", "So What")),
                        client)
                .bookingId();
        JsonNode later = api.get("/api/bookings/" + next, client).json().get("custom_fields");
        assertThat(later.findValuesAsString("label")).containsExactly("Working title");
    }

    private static Map<String, Object> answers(Object... more) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("song_title", "Blue in Green");
        answers.put("genre", "Jazz");
        for (int i = 0; i < more.length; i += 2) {
            answers.put((String) more[i], more[i + 1]);
        }
        return answers;
    }

    private static BookingRequest answered(String room, String service, Map<String, Object> answers) {
        return BookingRequest.booking(room, service, at(3, 10), at(3, 11))
                .with("custom_fields", new LinkedHashMap<>(answers));
    }
}
