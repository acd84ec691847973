package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deadlock is not proof that a slot is taken. A rival transaction takes an engineer first and the
 * room second, crosswise to a booking that takes the room first (as every booking does) and then
 * waits for the engineer: PostgreSQL breaks the cycle by aborting the booking (it waited first, and
 * the rival's deadlock check is set to come much later). The booking is run again instead of being
 * answered "slot unavailable": it gets the slot when the rival gives up (201), and a 409 naming the
 * real conflict when the rival keeps it — never a 409 for the deadlock itself, never a 500.
 */
@RoomtoneTest
class DeadlockRetryTests {

    @Autowired
    Api api;

    @Autowired
    HikariDataSource pool;

    private final ExecutorService booker = Executors.newSingleThreadExecutor();
    private TestStudio studio;
    private String room;
    private String service;
    private String engineer;
    private String client;
    private Connection rival;
    private long deadlocksBefore;

    @BeforeEach
    void aRoomAnEngineerAndAClient() throws SQLException {
        studio = new TestStudio(api).openWithoutApproval();
        room = studio.room("tracking");
        service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("drums")
                .create();
        engineer = studio.engineer("drums").id();
        client = studio.client();
        // the pool's owner, not the application's role: it may lengthen its own deadlock check
        rival = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        rival.setAutoCommit(false);
        try (var statement = rival.createStatement()) {
            statement.execute("SET deadlock_timeout = '30s'");
        }
    }

    @AfterEach
    void close() throws SQLException {
        booker.shutdownNow();
        rival.close();
    }

    @Test
    void theBookingADeadlockAbortedIsRunAgainAndGetsTheSlotTheRivalGaveUp() throws Exception {
        Future<Response> booked = deadlockedBooking(at(5, 10), at(5, 11));

        rival.rollback();

        Response response = booked.get(30, TimeUnit.SECONDS);
        response.expect(201);
        String id = response.as(BookedView.class).bookingId();
        Response read = api.get("/api/bookings/" + id, client);
        assertThat(read.as(BookingView.class).staffIds().get(0)).isEqualTo(engineer);
        assertThat(await().atMost(Duration.ofSeconds(10)).until(this::deadlocks, n -> n > deadlocksBefore))
                .isEqualTo(deadlocksBefore + 1);
    }

    @Test
    void theBookingADeadlockAbortedIsRunAgainAndLosesToTheRivalWhoKeptTheSlot() throws Exception {
        Future<Response> booked = deadlockedBooking(at(6, 10), at(6, 11));

        rival.commit();

        Response response = booked.get(30, TimeUnit.SECONDS);
        response.expect(409);
        assertThat(response.problem().code()).isEqualTo("slot_unavailable");
        assertThat(bookingsOn(6)).isZero();
        assertThat(await().atMost(Duration.ofSeconds(10)).until(this::deadlocks, n -> n > deadlocksBefore))
                .isEqualTo(deadlocksBefore + 1);
    }

    /**
     * Brings a booking of {@code start}-{@code end} into a deadlock with the rival, lets PostgreSQL
     * abort the booking, and returns once the booking's second attempt waits for the rival's
     * outcome, which the test then decides.
     */
    private Future<Response> deadlockedBooking(String start, String end) throws Exception {
        deadlocksBefore = deadlocks();
        Instant from = Instant.parse(start);
        Instant to = Instant.parse(end);
        UUID hold = rivalHold(from, to);
        rivalTakes(hold, "staff", engineer, from, to);

        String body = booking(room, service, start, end).withStaff(engineer).json();
        Future<Response> booked = booker.submit(() -> api.post("/api/bookings", body, client));
        await("the booking's first attempt, waiting for the rival's engineer")
                .atMost(Duration.ofSeconds(20))
                .until(this::bookingWaitingOnTheRival, pid -> pid > 0);

        // the room the booking already took: the cycle closes, and after its deadlock_timeout (1 s)
        // the booking, which has waited longer, finds the cycle and is aborted
        rivalTakes(hold, "room", room, from, to);

        // its second attempt took the room again and now waits for the rival's outcome; had the
        // deadlock ended the booking, no attempt would wait here
        await("the booking's second attempt, waiting for the rival")
                .atMost(Duration.ofSeconds(10))
                .until(this::bookingWaitingOnTheRival, pid -> pid > 0);
        return booked;
    }

    private UUID rivalHold(Instant from, Instant to) throws SQLException {
        UUID owner = UUID.fromString(api.get("/api/auth/session", studio.owner())
                .json()
                .at("/user/id")
                .asString());
        try (PreparedStatement insert = rival.prepareStatement(
                """
                INSERT INTO hold (studio_id, user_id, room_id, service_id, start_at, end_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                """)) {
            insert.setObject(1, UUID.fromString(studio.id()));
            insert.setObject(2, owner);
            insert.setObject(3, UUID.fromString(room));
            insert.setObject(4, UUID.fromString(service));
            insert.setTimestamp(5, Timestamp.from(from));
            insert.setTimestamp(6, Timestamp.from(to));
            insert.setTimestamp(7, Timestamp.from(to.plus(Duration.ofDays(1))));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private void rivalTakes(UUID hold, String kind, String resource, Instant from, Instant to) throws SQLException {
        try (PreparedStatement insert = rival.prepareStatement(
                """
                INSERT INTO occupancy (studio_id, resource_kind, resource_id, blocked, hold_id, expires_at)
                VALUES (?, ?, ?, tstzrange(?, ?, '[)'), ?, ?)
                """)) {
            insert.setObject(1, UUID.fromString(studio.id()));
            insert.setString(2, kind);
            insert.setObject(3, UUID.fromString(resource));
            insert.setTimestamp(4, Timestamp.from(from));
            insert.setTimestamp(5, Timestamp.from(to));
            insert.setObject(6, hold);
            insert.setTimestamp(7, Timestamp.from(to.plus(Duration.ofDays(1))));
            insert.executeUpdate();
        }
    }

    /** The backend of the booking's transaction while it waits for the rival's lock, else 0. */
    private int bookingWaitingOnTheRival() throws SQLException {
        try (Connection look = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                PreparedStatement query = look.prepareStatement(
                        """
                        SELECT coalesce(max(a.pid), 0)
                          FROM pg_stat_activity a
                         WHERE a.datname = current_database() AND a.wait_event_type = 'Lock'
                           AND a.query LIKE '%INSERT INTO occupancy%'
                           AND ? = ANY(pg_blocking_pids(a.pid))
                        """)) {
            query.setInt(1, backendOf(rival));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The deadlocks PostgreSQL has counted in this database (flushed asynchronously, never lower). */
    private long deadlocks() throws SQLException {
        try (Connection look = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                var statement = look.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int backendOf(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int bookingsOn(int daysAhead) {
        return api.get("/api/admin/bookings?from=" + at(daysAhead, 0) + "&to=" + at(daysAhead + 1, 0), studio.owner())
                .json()
                .size();
    }
}
