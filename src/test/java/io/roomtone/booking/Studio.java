package io.roomtone.booking;

import static io.roomtone.support.Api.json;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A studio of its own for booking tests, created through the platform operator so that no other
 * test's rules, closures or settings reach it: open every day 08:00-22:00 (America/Toronto), with
 * rooms, services and engineers each test creates under its own names.
 */
final class Studio {

    static final ZoneId ZONE = ZoneId.of("America/Toronto");

    private final Api api;
    private final Api.OtherStudio studio;
    private final String owner;

    Studio(Api api) {
        this.api = api;
        this.studio = api.newStudio();
        this.owner = studio.ownerToken();
    }

    String owner() {
        return owner;
    }

    String id() {
        return studio.id();
    }

    String slug() {
        return studio.slug();
    }

    /** An anonymous request to this studio (the public booking pages). */
    Response anonymous(String path, String body) {
        return api.send("POST", path, body, null, Map.of("X-Studio", studio.slug()));
    }

    /** The account id behind a signed-in token. */
    String userId(String token) {
        return api.get("/api/auth/session", token).json().at("/user/id").asString();
    }

    /** A new client of this studio, signed in. */
    String client() {
        return api.newClient(studio.slug());
    }

    /** Opens the studio (idempotent enough: extra identical rules do not change the hours). */
    void open(boolean approvalRequired) {
        expect(
                api.put(
                        "/api/admin/settings",
                        json(
                                "timezone",
                                ZONE.getId(),
                                "approval_required",
                                approvalRequired,
                                "lead_time_min",
                                60,
                                "tax_rate_bps",
                                1300,
                                "deposit_percent",
                                25),
                        owner),
                200);
        if (api.get("/api/admin/schedule-rules?target_type=studio", owner)
                .json()
                .isEmpty()) {
            expect(
                    api.post(
                            "/api/admin/schedule-rules",
                            json(
                                    "target_type",
                                    "studio",
                                    "byweekday",
                                    List.of(0, 1, 2, 3, 4, 5, 6),
                                    "start_time",
                                    "08:00",
                                    "end_time",
                                    "22:00"),
                            owner),
                    201);
        }
    }

    String room(String... tags) {
        return expect(api.post("/api/admin/rooms", json("name", Api.unique("Room"), "tags", List.of(tags)), owner), 201)
                .json()
                .get("id")
                .asString();
    }

    /** A 60-minute per-block service at 100.00 an hour. */
    String service(boolean engineer, String skill, String... roomTags) {
        return expect(
                        api.post(
                                "/api/admin/services",
                                json(
                                        "name",
                                        Api.unique("Session"),
                                        "default_duration_min",
                                        60,
                                        "base_price_cents",
                                        10_000,
                                        "pricing_model",
                                        "per_block",
                                        "requires_engineer",
                                        engineer,
                                        "staff_skill_required",
                                        skill,
                                        "room_tags",
                                        List.of(roomTags)),
                                owner),
                        201)
                .json()
                .get("id")
                .asString();
    }

    String addOn(long priceCents) {
        return expect(
                        api.post(
                                "/api/admin/services",
                                json(
                                        "name",
                                        Api.unique("Add-on"),
                                        "default_duration_min",
                                        60,
                                        "base_price_cents",
                                        priceCents,
                                        "pricing_model",
                                        "fixed",
                                        "is_addon",
                                        true),
                                owner),
                        201)
                .json()
                .get("id")
                .asString();
    }

    /** An engineer with {@code skill}, who can sign in; returns {id, token}. */
    Map<String, String> engineer(String skill) {
        String email = "eng-" + UUID.randomUUID() + "@example.test";
        String id = expect(
                        api.post(
                                "/api/admin/staff",
                                json(
                                        "email",
                                        email,
                                        "name",
                                        "Engineer",
                                        "skills",
                                        List.of(skill),
                                        "password",
                                        "engineer-password"),
                                owner),
                        201)
                .json()
                .get("id")
                .asString();
        return Map.of("id", id, "token", api.login(email, "engineer-password", studio.slug()));
    }

    void buffer(String scope, String targetId, int before, int after) {
        expect(
                api.post(
                        "/api/admin/buffers",
                        json("scope", scope, "target_id", targetId, "before_min", before, "after_min", after),
                        owner),
                201);
    }

    /** {@code daysAhead} days from today at {@code hour}:00 studio time, as an ISO instant. */
    static String at(int daysAhead, int hour, int minute) {
        return ZonedDateTime.of(LocalDate.now(ZONE).plusDays(daysAhead).atTime(hour, minute), ZONE)
                .toInstant()
                .toString();
    }

    static String at(int daysAhead, int hour) {
        return at(daysAhead, hour, 0);
    }

    static String booking(String roomId, String serviceId, String start, String end, Object... extra) {
        Object[] fields = new Object[8 + extra.length];
        fields[0] = "room_id";
        fields[1] = roomId;
        fields[2] = "service_items";
        fields[3] = List.of(Map.of("service_id", serviceId, "qty", 1));
        fields[4] = "start_at";
        fields[5] = start;
        fields[6] = "end_at";
        fields[7] = end;
        System.arraycopy(extra, 0, fields, 8, extra.length);
        return json(fields);
    }

    /** Books as {@code token} (a 201 is expected) and returns the booking's id. */
    String book(String body, String token) {
        return expect(api.post("/api/bookings", body, token), 201)
                .json()
                .get("booking_id")
                .asString();
    }

    static Response expect(Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + response);
        }
        return response;
    }
}
