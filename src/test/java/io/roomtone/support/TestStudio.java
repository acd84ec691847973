package io.roomtone.support;

import static io.roomtone.support.Api.json;

import io.roomtone.support.Api.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A studio of its own for one test, created through the platform operator so that no other test's
 * rules, closures or settings reach it. Opened, it is open every day 08:00-22:00 (America/Toronto);
 * each test adds the rooms, services and engineers it needs, under unique names.
 *
 * <p>Set-up methods ({@link #room}, {@link #service()}, {@link #book}, ...) expect success and
 * fail the test with the answer's body when the server refuses; to test a refusal, send the request
 * with {@link Api} and read the {@link Response}.
 */
public final class TestStudio {

    public static final ZoneId ZONE = ZoneId.of("America/Toronto");

    /** An engineer of the studio who can sign in. */
    public record Engineer(String id, String token) {}

    private final Api api;
    private final Api.OtherStudio studio;

    /** A new studio with its owner signed in; closed until {@link #openWithApproval()} or {@link #openWithoutApproval()}. */
    public TestStudio(Api api) {
        this(api, api.newStudio());
    }

    /**
     * The studio every test shares, created from configuration at start: for set-up that needs no
     * isolation (a room to point a rule at). It has no id or slug here; do not change its settings.
     */
    public static TestStudio defaultStudio(Api api) {
        return new TestStudio(api, new Api.OtherStudio(null, null, api.ownerToken(), Api.OWNER_EMAIL));
    }

    private TestStudio(Api api, Api.OtherStudio studio) {
        this.api = api;
        this.studio = studio;
    }

    /** {@code daysAhead} days from today at {@code hour}:{@code minute} studio time, as an ISO instant. */
    public static String at(int daysAhead, int hour, int minute) {
        return ZonedDateTime.of(LocalDate.now(ZONE).plusDays(daysAhead).atTime(hour, minute), ZONE)
                .toInstant()
                .toString();
    }

    public static String at(int daysAhead, int hour) {
        return at(daysAhead, hour, 0);
    }

    /** The owner's token. */
    public String owner() {
        return studio.ownerToken();
    }

    /** The owner's email address; their password is {@link Api.OtherStudio#OWNER_PASSWORD}. */
    public String ownerEmail() {
        return studio.ownerEmail();
    }

    public String id() {
        return known(studio.id());
    }

    public String slug() {
        return known(studio.slug());
    }

    private static String known(String value) {
        if (value == null) {
            throw new IllegalStateException("not known for the default studio: create a TestStudio of its own");
        }
        return value;
    }

    // --- the studio's settings and hours ---

    /** Opens every day 08:00-22:00; every booking request waits for the studio's approval. */
    public TestStudio openWithApproval() {
        return open(true);
    }

    /** Opens every day 08:00-22:00; bookings are confirmed at once. */
    public TestStudio openWithoutApproval() {
        return open(false);
    }

    private TestStudio open(boolean approvalRequired) {
        updateSettings(
                "timezone",
                ZONE.getId(),
                "approval_required",
                approvalRequired,
                "lead_time_min",
                60,
                "tax_rate_bps",
                1300,
                "deposit_percent",
                25);
        // opening twice keeps one rule: extra identical rules would not change the hours anyway
        if (api.get("/api/admin/schedule-rules?target_type=studio", owner())
                .expect(200)
                .json()
                .isEmpty()) {
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
                            owner())
                    .expect(201);
        }
        return this;
    }

    /** Changes settings, named as on the wire (for example {@code "max_pending_per_client", 2}). */
    public TestStudio updateSettings(Object... namesAndValues) {
        api.patch("/api/admin/settings", json(namesAndValues), owner()).expect(200);
        return this;
    }

    /** Closes a room from {@code startAt} to {@code endAt} (an exception to its hours). */
    public void closeRoom(String roomId, String startAt, String endAt, String reason) {
        api.post(
                        "/api/admin/exceptions",
                        json(
                                "target_type",
                                "room",
                                "target_id",
                                roomId,
                                "start_at",
                                startAt,
                                "end_at",
                                endAt,
                                "reason",
                                reason),
                        owner())
                .expect(201);
    }

    /** Keeps {@code beforeMin} and {@code afterMin} free around every session of a service. */
    public void bufferAroundService(String serviceId, int beforeMin, int afterMin) {
        api.post(
                        "/api/admin/buffers",
                        json(
                                "scope",
                                "service",
                                "target_id",
                                serviceId,
                                "before_min",
                                beforeMin,
                                "after_min",
                                afterMin),
                        owner())
                .expect(201);
    }

    // --- the catalog ---

    /** A new room with these tags; returns its id. */
    public String room(String... tags) {
        return api.post("/api/admin/rooms", json("name", Api.unique("Room"), "tags", List.of(tags)), owner())
                .expect(201)
                .as(RoomView.class)
                .id();
    }

    /** A new room named {@code name} (used as given: the pages must escape it) with a colour; returns its id. */
    public String namedRoom(String name, String color, String... tags) {
        return api.post(
                        "/api/admin/rooms",
                        json("name", name, "color", color, "capacity", 4, "tags", List.of(tags)),
                        owner())
                .expect(201)
                .as(RoomView.class)
                .id();
    }

    /** A new bookable service: by default 60 minutes at 100.00 an hour, any room, no engineer. */
    public NewService service() {
        return new NewService();
    }

    /** A fixed-price add-on; returns its id. */
    public String addOn(long priceCents) {
        return api.post(
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
                        owner())
                .expect(201)
                .as(ServiceView.class)
                .id();
    }

    /** A new engineer with {@code skill}, signed in. */
    public Engineer engineer(String skill) {
        String email = "eng-" + UUID.randomUUID() + "@example.test";
        String id = api.post(
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
                        owner())
                .expect(201)
                .as(StaffView.class)
                .id();
        return new Engineer(id, api.login(email, "engineer-password", studio.slug()));
    }

    /** The builder of {@link #service()}; {@link #create()} returns the new service's id. */
    public final class NewService {
        private String name = "Session";
        private String pricingModel = "per_block";
        private long priceCents = 10_000;
        private boolean requiresEngineer;
        private String skill;
        private List<String> roomTags = new ArrayList<>();
        private Integer maxPerDay;
        private List<Map<String, Object>> customFields = List.of();

        private NewService() {}

        /** Asks each booking these questions ({@code {key, label, type, required, options}} each). */
        @SafeVarargs
        public final NewService asking(Map<String, Object>... fields) {
            this.customFields = List.of(fields);
            return this;
        }

        public NewService named(String name) {
            this.name = name;
            return this;
        }

        /** Only rooms with all these tags may host it. */
        public NewService inRoomsTagged(String... tags) {
            this.roomTags = List.of(tags);
            return this;
        }

        /** Each session needs an engineer with {@code skill}. */
        public NewService withEngineerSkilled(String skill) {
            this.requiresEngineer = true;
            this.skill = skill;
            return this;
        }

        /** {@code cents} whatever the session's length. */
        public NewService fixedPrice(long cents) {
            this.pricingModel = "fixed";
            this.priceCents = cents;
            return this;
        }

        /** At most {@code sessions} sessions of it a day, in the whole studio. */
        public NewService maxPerDay(int sessions) {
            this.maxPerDay = sessions;
            return this;
        }

        public String create() {
            return api.post(
                            "/api/admin/services",
                            json(
                                    "name",
                                    Api.unique(name),
                                    "default_duration_min",
                                    60,
                                    "base_price_cents",
                                    priceCents,
                                    "pricing_model",
                                    pricingModel,
                                    "requires_engineer",
                                    requiresEngineer,
                                    "staff_skill_required",
                                    skill,
                                    "room_tags",
                                    roomTags,
                                    "max_per_day",
                                    maxPerDay,
                                    "custom_fields",
                                    customFields),
                            owner())
                    .expect(201)
                    .as(ServiceView.class)
                    .id();
        }
    }

    // --- clients ---

    /** A new client of this studio, signed in; returns their token. */
    public String client() {
        return api.newClient(studio.slug());
    }

    /** The account id behind a signed-in token. */
    public String userId(String token) {
        return api.get("/api/auth/session", token)
                .expect(200)
                .as(SessionView.class)
                .userId();
    }

    /** An anonymous POST to this studio (the public booking pages). */
    public Response anonymous(String path, String body) {
        return api.send("POST", path, body, null, Map.of("X-Studio", slug()));
    }

    // --- the day's work ---

    /** The free slots of {@code serviceId} in {@code roomId}, {@code daysAhead} days from today, as anyone sees them. */
    public List<SlotView> slots(String roomId, String serviceId, int daysAhead) {
        String date = LocalDate.now(ZONE).plusDays(daysAhead).toString();
        return anonymous(
                        "/api/availability/search",
                        json("date", date, "duration_min", 60, "service_id", serviceId, "room_id", roomId))
                .expect(200)
                .as(SlotsView.class)
                .slots();
    }

    /** The start of every free slot, as ISO instants (compare with {@link #at}). */
    public List<String> slotStarts(String roomId, String serviceId, int daysAhead) {
        return slots(roomId, serviceId, daysAhead).stream()
                .map(SlotView::startAt)
                .toList();
    }

    /** Sends a booking request as {@code token}, whatever the answer. */
    public Response request(BookingRequest booking, String token) {
        return api.post("/api/bookings", booking.json(), token);
    }

    /** Books as {@code token}; the booking must be made. */
    public BookedView book(BookingRequest booking, String token) {
        return request(booking, token).expect(201).as(BookedView.class);
    }

    /** Places a hold as {@code token}; the hold must be placed. */
    public HoldView hold(HoldRequest hold, String token) {
        return api.post("/api/holds", hold.json(), token).expect(201).as(HoldView.class);
    }

    /** One booking, as {@code token} may see it. */
    public BookingView booking(String bookingId, String token) {
        return api.get("/api/bookings/" + bookingId, token).expect(200).as(BookingView.class);
    }

    /** The studio approves a request. */
    public BookingView approve(String bookingId, String message) {
        return api.post("/api/admin/bookings/" + bookingId + "/approve", json("message", message), owner())
                .expect(200)
                .as(BookingView.class);
    }

    /** Moves a booking as {@code token}; the move must be allowed. */
    public RescheduledView reschedule(String bookingId, String newStartAt, String newEndAt, String token) {
        return api.post(
                        "/api/bookings/" + bookingId + "/reschedule",
                        json("new_start_at", newStartAt, "new_end_at", newEndAt),
                        token)
                .expect(200)
                .as(RescheduledView.class);
    }

    /** Cancels a booking as {@code token}; the cancellation must be allowed. */
    public CancellationView cancel(String bookingId, String reason, String token) {
        return api.post("/api/bookings/" + bookingId + "/cancel", json("reason", reason), token)
                .expect(200)
                .as(CancellationView.class);
    }

    @Override
    public String toString() {
        return "studio " + studio.slug();
    }
}
