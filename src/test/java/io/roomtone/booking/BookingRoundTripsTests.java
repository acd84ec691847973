package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Counts the SQL round trips of one successful booking, end to end over HTTP: the pool's physical
 * connections are wrapped (below Hikari, so every statement of every borrower is seen, including
 * the tenant's {@code set_config} and the commit), and each statement is recorded with whether it
 * ran inside the HTTP request or after it (events delivered after commit, on other threads).
 *
 * <p>Counted as one round trip each: a JDBC execute (prepared or not: parse, bind and execute go in
 * one message), a batch, a commit, a rollback. Not counted, because pgjdbc sends nothing for them:
 * {@code setAutoCommit(false)} (the {@code BEGIN} travels in the same message as the transaction's
 * first statement), {@code setReadOnly} (pgjdbc turns it into that {@code BEGIN READ ONLY}) and
 * {@code setAutoCommit(true)} after a commit. The pool's liveness check
 * ({@code isValid}, only when a connection has been idle for more than 500 ms) is listed but not
 * counted: under load it never runs.
 *
 * <p>The bounds asserted below are what the booking path makes today, so that a regression fails;
 * the plain booking met the target of 8 (issue 7, booking creation benchmark) until its invoice joined its transaction (issue 9, below). See
 * docs/benchmarks.md for the list.
 */
@RoomtoneTest
@Import(BookingRoundTripsTests.CountingDataSource.class)
class BookingRoundTripsTests {

    /*
     * The target is at most 8 round trips per booking, as benchmarked (bench/run.sh runs
     * without the rate limiter: 100 clients booking 1,000 times a second would be refused by it).
     * The rate limiter adds 6 (two Bucket4j buckets, each SELECT ... FOR UPDATE, UPDATE, COMMIT).
     * An approval adds the client's lock and the pending count; a hold the lock and the active-hold
     * count; a conversion the hold's row lock and its update. Counted 2026-11-29.
     *
     * Issue 9 puts the booking's invoice in its transaction (the issue demands it): 6 round trips
     * (the invoice settings, the client, the studio — the invoice's snapshot of who — the number,
     * the insert, the ledger posting; a request awaiting approval spends no number but is counted
     * with the same bound). The event carries the price, so the booking is not read back, and a
     * booking confirmed at once gets its invoice issued in one insert. The plain booking is at 14
     * besides rate limiting, not at the target of 8 (counted 2026-11-30; a known regression, see
     * docs/benchmarks.md).
     *
     * Issue 10 (side effects) adds 2: the event publication registry writes one row per listener of
     * the booking's event in its transaction (notifications and calendar sync now listen), in one
     * batch per event type: the price of "nothing is sent for a transaction that rolled back".
     * What the listeners do after the commit runs on other threads and is not counted here.
     *
     * Not in these bounds: the occupancy announcement (availability's OccupancyAnnouncer moves the
     * studio's occupancy version after commit, one statement for every commit of its batch). Alone,
     * as here, a booking has a batch of its own: at most one such statement is asserted besides.
     */
    static final Bound BOOKING = new Bound(22, 16);

    static final Bound BOOKING_AWAITING_APPROVAL = new Bound(22, 16);
    static final Bound HOLD = new Bound(15, 9);
    static final Bound CONVERT = new Bound(24, 18);

    /**
     * At most {@code total} round trips of the request's own, of which at most {@code
     * besidesRateLimits} are not the rate limiter's, and at most one occupancy announcement.
     */
    record Bound(int total, int besidesRateLimits) {
        void check(List<RoundTrip> trips) {
            List<RoundTrip> own = inRequest(trips);
            assertThat(counted(own)).as("round trips").isLessThanOrEqualTo(total);
            assertThat(counted(withoutRateLimits(own)))
                    .as("round trips besides rate limiting")
                    .isLessThanOrEqualTo(besidesRateLimits);
            assertThat(counted(announcements(trips)))
                    .as("occupancy announcements (one per batch of commits)")
                    .isLessThanOrEqualTo(1);
        }
    }

    private static final String ANNOUNCER = "roomtone-occupancy-announcer";

    /**
     * The booking's own round trips: those of the request, and the occupancy announcement counted
     * apart. Side effects delivered after the commit (mails rendered into the outbox, calendar sync
     * rows, the event publication registry marking them done) run on other threads once the client
     * has its answer; they are listed in the output, not bounded here.
     */
    private static List<RoundTrip> inRequest(List<RoundTrip> trips) {
        return trips.stream().filter(RoundTrip::inRequest).toList();
    }

    private static List<RoundTrip> announcements(List<RoundTrip> trips) {
        return trips.stream().filter(t -> t.thread().equals(ANNOUNCER)).toList();
    }

    @Autowired
    Api api;

    @Test
    void aBookingAtAStudioWithoutApproval() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        studio.book(booking(room, service, at(3, 10), at(3, 11)), client); // warm: caches, pool, driver

        List<RoundTrip> trips = record(
                "POST /api/bookings, no approval",
                () -> studio.book(booking(room, service, at(4, 10), at(4, 11)), client));

        BOOKING.check(trips);
    }

    @Test
    void aBookingThatAwaitsApproval() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        studio.book(booking(room, service, at(3, 10), at(3, 11)), client);

        List<RoundTrip> trips = record(
                "POST /api/bookings, awaiting approval",
                () -> studio.book(booking(room, service, at(4, 10), at(4, 11)), client));

        BOOKING_AWAITING_APPROVAL.check(trips);
    }

    @Test
    void aHoldConvertedToABooking() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        String warm = hold(studio, room, service, at(3, 10), at(3, 11), client);
        studio.book(booking(room, service, at(3, 10), at(3, 11)).withHold(warm), client);

        List<String> held = new ArrayList<>();
        List<RoundTrip> holdTrips =
                record("POST /api/holds", () -> held.add(hold(studio, room, service, at(4, 10), at(4, 11), client)));
        List<RoundTrip> convertTrips = record(
                "POST /api/bookings with hold_id",
                () -> studio.book(booking(room, service, at(4, 10), at(4, 11)).withHold(held.get(0)), client));

        System.out.printf(
                "hold -> convert: %d round trips for one booking (%d without rate limiting)%n",
                counted(inRequest(holdTrips)) + counted(inRequest(convertTrips)),
                counted(withoutRateLimits(inRequest(holdTrips))) + counted(withoutRateLimits(inRequest(convertTrips))));
        HOLD.check(holdTrips);
        CONVERT.check(convertTrips);
    }

    private String hold(TestStudio studio, String room, String service, String start, String end, String client) {
        return api.post(
                        "/api/holds",
                        json("room_id", room, "service_id", service, "start_at", start, "end_at", end),
                        client)
                .expect(201)
                .json()
                .get("hold_id")
                .asString();
    }

    // ---- recording ---------------------------------------------------------------------------

    /** One thing sent to PostgreSQL (or a call that sends nothing, kept for the reader). */
    record RoundTrip(int sequence, String thread, boolean inRequest, boolean counted, String what) {}

    private static final Object LOCK = new Object();
    private static List<RoundTrip> recording;

    /** Runs {@code request} and returns what reached the database meanwhile and until it went quiet. */
    private static List<RoundTrip> record(String label, Runnable request) {
        synchronized (LOCK) {
            recording = new ArrayList<>();
        }
        request.run();
        List<RoundTrip> trips = settle();
        List<RoundTrip> limiter = rateLimiting(trips);
        StringBuilder out = new StringBuilder(String.format(
                "%n== %s: %d round trips in the request, %d without rate limiting, besides %d occupancy announcement ==%n",
                label,
                counted(inRequest(trips)),
                counted(withoutRateLimits(inRequest(trips))),
                counted(announcements(trips))));
        int n = 0;
        for (RoundTrip trip : trips) {
            out.append(String.format(
                    "%3s %-14s %s%s%n",
                    trip.counted() ? String.valueOf(++n) : "-",
                    trip.inRequest() ? "request" : "after/" + trip.thread(),
                    limiter.contains(trip) ? "[rate limit] " : "",
                    trip.what()));
        }
        System.out.print(out);
        return trips;
    }

    /** Waits until nothing new reached the database for 300 ms (events delivered after commit). */
    private static List<RoundTrip> settle() {
        int seen = -1;
        while (true) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (LOCK) {
                if (recording.size() == seen) {
                    List<RoundTrip> trips = recording;
                    recording = null;
                    return trips;
                }
                seen = recording.size();
            }
        }
    }

    /**
     * The rate limiter's round trips: its statements on {@code rate_limit_bucket} and the commit that
     * ends each of its transactions (the next commit on the same thread).
     */
    private static List<RoundTrip> rateLimiting(List<RoundTrip> trips) {
        List<RoundTrip> limiter = new ArrayList<>();
        Set<String> open = new java.util.HashSet<>();
        for (RoundTrip trip : trips) {
            if (trip.what().contains("rate_limit_bucket")) {
                limiter.add(trip);
                open.add(trip.thread());
            } else if (trip.what().equals("COMMIT") && open.remove(trip.thread())) {
                limiter.add(trip);
            }
        }
        return limiter;
    }

    private static List<RoundTrip> withoutRateLimits(List<RoundTrip> trips) {
        List<RoundTrip> limiter = rateLimiting(trips);
        return trips.stream().filter(t -> !limiter.contains(t)).toList();
    }

    private static int counted(List<RoundTrip> trips) {
        return (int) trips.stream().filter(RoundTrip::counted).count();
    }

    private static void add(boolean counted, String what) {
        String thread = Thread.currentThread().getName();
        if (thread.equals("roomtone-version-feed")) {
            return; // the node's one LISTEN connection and its probes: not per booking
        }
        boolean inRequest = RequestContextHolder.getRequestAttributes() != null;
        synchronized (LOCK) {
            if (recording != null) {
                recording.add(new RoundTrip(recording.size(), thread, inRequest, counted, what));
            }
        }
    }

    private static final Set<String> SENDS = Set.of("commit", "rollback", "setTransactionIsolation");
    private static final Set<String> LISTED = Set.of("setAutoCommit", "setReadOnly");

    /** Puts the counting proxy between the application's pool and the driver. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingDataSource {

        @Bean
        static BeanPostProcessor countingDataSourceUnderThePool() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (bean instanceof HikariDataSource pool && pool.getDataSource() == null) {
                        DriverManagerDataSource driver =
                                new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                        pool.setDataSource(proxy(driver));
                    }
                    return bean;
                }
            };
        }

        static DataSource proxy(DataSource driver) {
            return ProxyDataSourceBuilder.create(driver)
                    .name("round-trips")
                    .listener(new QueryExecutionListener() {
                        @Override
                        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

                        @Override
                        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                            String first = queries.isEmpty()
                                    ? "?"
                                    : queries.get(0)
                                            .getQuery()
                                            .replaceAll("\\s+", " ")
                                            .strip();
                            if (execution.isBatch()) {
                                first = "batch of " + execution.getBatchSize() + ": " + first;
                            }
                            add(true, (execution.isSuccess() ? "" : "FAILED ") + abbreviate(first));
                        }
                    })
                    .methodListener(new MethodExecutionListener() {
                        @Override
                        public void beforeMethod(MethodExecutionContext context) {}

                        @Override
                        public void afterMethod(MethodExecutionContext context) {
                            String method = context.getMethod().getName();
                            if (SENDS.contains(method)) {
                                add(
                                        true,
                                        method.equals("setTransactionIsolation")
                                                ? "SET SESSION CHARACTERISTICS"
                                                : method.toUpperCase());
                            } else if (method.equals("isValid")) {
                                add(false, "isValid() (the pool's liveness check after 500 ms idle; not under load)");
                            } else if (LISTED.contains(method)) {
                                Object[] args = context.getMethodArgs();
                                add(
                                        false,
                                        method + (args == null || args.length == 0 ? "()" : "(" + args[0] + ")")
                                                + " (nothing sent)");
                            }
                        }
                    })
                    .build();
        }

        private static String abbreviate(String sql) {
            return sql.length() <= 160 ? sql : sql.substring(0, 157) + "...";
        }
    }
}
