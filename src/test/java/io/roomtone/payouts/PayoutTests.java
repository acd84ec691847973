package io.roomtone.payouts;

import static io.roomtone.payouts.PayoutFixtures.day;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.booking.BookingDecisions;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.CompletedSessions;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/payouts}: what each staff member earned and was paid in a period and is owed
 * now, as JSON and CSV, and payouts that never pay more than is owed, once per operation id.
 */
@RoomtoneTest
class PayoutTests {

    @Autowired
    Api api;

    @Autowired
    BookingDecisions decisions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestStudio studio;
    CompletedSessions sessions;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithoutApproval();
        sessions = new CompletedSessions(studio, api, decisions, jdbc, transactions);
    }

    /** A staff member owed {@code cents}: one completed session of that price at 100 %. */
    private TestStudio.Engineer owed(long cents) {
        TestStudio.Engineer sam = sessions.staff(10_000);
        String booking = sessions.past(sessions.service(cents), sam.id());
        sessions.complete(booking, 1);
        return sam;
    }

    private Response pay(String staffId, long cents, String operationId) {
        return api.post(
                "/api/admin/payouts",
                json(
                        "staff_id",
                        staffId,
                        "amount_cents",
                        cents,
                        "method",
                        "bank_transfer",
                        "note",
                        "November",
                        "operation_id",
                        operationId),
                studio.owner());
    }

    private JsonNode report(String from, String to) {
        return api.get("/api/admin/payouts?from=" + from + "&to=" + to, studio.owner())
                .expect(200)
                .json();
    }

    private JsonNode figuresOf(JsonNode report, String staffId) {
        for (JsonNode row : report.get("staff")) {
            if (row.get("staff_id").asText().equals(staffId)) {
                return row;
            }
        }
        throw new AssertionError("no figures of " + staffId + " in " + report);
    }

    private long payouts() {
        return sessions.inStudio(
                () -> jdbc.sql("SELECT count(*) FROM payout").query(Long.class).single());
    }

    @Test
    void theReportShowsWhatWasEarnedAndPaidInThePeriodAndWhatIsOwedNow() {
        TestStudio.Engineer sam = sessions.staff(1000);
        String first = sessions.past(sessions.service(10_000), sam.id());
        String second = sessions.past(sessions.service(10_000), sam.id());
        sessions.complete(first, 1);
        sessions.complete(second, 1);
        pay(sam.id(), 500, UUID.randomUUID().toString()).expect(201);

        JsonNode now = report(day(-10), day(0));
        JsonNode figures = figuresOf(now, sam.id());
        assertThat(figures.get("sessions").asLong()).isEqualTo(2);
        assertThat(figures.get("base_cents").asLong()).isEqualTo(20_000);
        assertThat(figures.get("rate_bps").asInt()).isEqualTo(1000);
        assertThat(figures.get("accrued_cents").asLong()).isEqualTo(2_000);
        assertThat(figures.get("paid_cents").asLong()).isEqualTo(500);
        assertThat(figures.get("owed_cents").asLong()).isEqualTo(1_500);
        assertThat(now.get("totals").get("owed_cents").asLong()).isEqualTo(1_500);

        // an earlier period: nothing earned or paid then, but the debt of today still shows
        JsonNode before = figuresOf(report(day(-60), day(-40)), sam.id());
        assertThat(before.get("sessions").asLong()).isZero();
        assertThat(before.get("paid_cents").asLong()).isZero();
        assertThat(before.get("owed_cents").asLong()).isEqualTo(1_500);

        JsonNode lines = api.get(
                        "/api/admin/payouts/" + sam.id() + "/lines?from=" + day(-10) + "&to=" + day(0), studio.owner())
                .expect(200)
                .json();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("booking_code").asText()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(lines.get(0).get("commission_cents").asLong()).isEqualTo(1_000);
        // the ledger agrees: commission payable for Sam is what is owed
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-1_500);
        assertThat(sessions.balance("bank", null)).isEqualTo(-500);
    }

    @Test
    void theCsvHasARowPerStaffMemberAndKeepsFormulasAsText() {
        TestStudio.Engineer sam = owed(4_200);
        api.patch(
                        "/api/admin/staff/" + sam.id(),
                        json("name", "=HYPERLINK(\"http://evil.test\",\"x\")"),
                        studio.owner())
                .expect(200);

        Response csv = api.get("/api/admin/payouts.csv?from=" + day(-10) + "&to=" + day(0), studio.owner())
                .expect(200);

        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition").orElseThrow()).contains("payouts-" + day(-10));
        List<String> rows = List.of(csv.body().split("\r\n"));
        assertThat(rows.get(0))
                .isEqualTo(
                        "staff_id,name,from,to,sessions,revenue_base,commission_percent,accrued,reversed,paid,owed_now,currency");
        String row =
                rows.stream().filter(r -> r.startsWith(sam.id())).findFirst().orElseThrow();
        assertThat(row)
                .isEqualTo(sam.id() + ",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"," + day(-10) + "," + day(0)
                        + ",1,42.00,100.00,42.00,0.00,0.00,42.00,CAD");
    }

    @Test
    void twelveParallelPayoutsNeverPayMoreThanIsOwed() {
        TestStudio.Engineer sam = owed(10_000);

        List<Response> answers =
                Parallel.send(12, i -> pay(sam.id(), 4_000, UUID.randomUUID().toString()));

        assertThat(Parallel.count(answers, 201)).isEqualTo(2);
        assertThat(Parallel.count(answers, 409)).isEqualTo(10);
        Response refused =
                answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertThat(refused.problem().code()).isEqualTo("payout_exceeds_owed");
        assertThat(refused.json().get("owed_cents").asLong()).isIn(2_000L, 6_000L);
        assertThat(refused.problem().detail()).contains("is owed");
        assertThat(payouts()).isEqualTo(2);
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-2_000);
        assertThat(figuresOf(report(day(-10), day(0)), sam.id())
                        .get("owed_cents")
                        .asLong())
                .isEqualTo(2_000);
    }

    @Test
    void aPayoutSentTwiceIsRecordedOnce() {
        TestStudio.Engineer sam = owed(10_000);
        String operation = UUID.randomUUID().toString();

        JsonNode first = pay(sam.id(), 3_000, operation).expect(201).json();
        JsonNode again = pay(sam.id(), 3_000, operation).expect(200).json();
        List<Response> racing = Parallel.send(12, i -> pay(sam.id(), 3_000, operation));

        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(Parallel.count(racing, 200)).isEqualTo(12);
        assertThat(payouts()).isEqualTo(1);
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-7_000);
        // the same id for another payout is a conflict, not a second payout
        assertThat(pay(sam.id(), 3_001, operation).expect(409).problem().code()).isEqualTo("conflict");
        assertThat(payouts()).isEqualTo(1);
    }

    @Test
    void badPayoutsAreRefusedByNameAndWriteNothing() {
        TestStudio.Engineer sam = owed(10_000);
        String op = UUID.randomUUID().toString();
        assertThat(pay(sam.id(), 0, op).invalidFields()).containsExactly("amount_cents");
        assertThat(pay(sam.id(), -1, op).invalidFields()).containsExactly("amount_cents");
        assertThat(pay(sam.id(), Long.MAX_VALUE, op).invalidFields()).containsExactly("amount_cents");
        assertThat(send("staff_id", sam.id(), "amount_cents", 100, "method", "bitcoin", "operation_id", op)
                        .invalidFields())
                .containsExactly("method");
        assertThat(send("staff_id", sam.id(), "amount_cents", 100, "method", "cash")
                        .invalidFields())
                .containsExactly("operation_id");
        assertThat(send("amount_cents", 100, "method", "cash", "operation_id", op)
                        .invalidFields())
                .containsExactly("staff_id");
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
        assertThat(send(
                                "staff_id",
                                sam.id(),
                                "amount_cents",
                                100,
                                "method",
                                "cash",
                                "operation_id",
                                op,
                                "paid_at",
                                tomorrow)
                        .invalidFields())
                .containsExactly("paid_at");
        assertThat(send(
                                "staff_id",
                                sam.id(),
                                "amount_cents",
                                100,
                                "method",
                                "cash",
                                "operation_id",
                                op,
                                "paid_at",
                                "+999999999-01-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
        assertThat(send(
                                "staff_id",
                                sam.id(),
                                "amount_cents",
                                100,
                                "method",
                                "cash",
                                "operation_id",
                                op,
                                "note",
                                "x".repeat(501))
                        .invalidFields())
                .containsExactly("note");
        assertThat(send("staff_id", "not-an-id", "amount_cents", 100, "method", "cash", "operation_id", op)
                        .expect(400)
                        .body())
                .contains("staff_id");
        assertThat(send("staff_id", sam.id(), "amount_cents", "12.5", "method", "cash", "operation_id", op)
                        .expect(400)
                        .body())
                .contains("amount_cents");

        assertThat(payouts()).isZero();
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-10_000);
    }

    @Test
    void badPeriodsAreRefusedByName() {
        assertThat(periodProblem("from=999999999-01-01&to=" + day(0))).contains("from");
        assertThat(periodProblem("from=+999999999-01-01&to=" + day(0))).contains("from");
        assertThat(periodProblem("from=" + day(0) + "&to=" + day(-1))).contains("to");
        assertThat(periodProblem("from=" + day(-400) + "&to=" + day(0))).contains("to");
        assertThat(periodProblem("to=" + day(0))).contains("from");
        assertThat(periodProblem("from=yesterday&to=" + day(0))).contains("from");
        // 400 days, both counted, is the longest period
        api.get("/api/admin/payouts?from=" + day(-399) + "&to=" + day(0), studio.owner())
                .expect(200);
        api.get("/api/admin/payouts.csv?from=" + day(0) + "&to=" + day(-1), studio.owner())
                .expect(400);
    }

    @Test
    void commissionRatesOutOfRangeAreRefusedByName() {
        TestStudio.Engineer sam = sessions.staff(1250);
        for (Object bad : List.of(10_001, -1, Long.MAX_VALUE, "12.5", 12.5, "abc")) {
            assertThat(api.patch("/api/admin/staff/" + sam.id(), json("commission_rate_bps", bad), studio.owner())
                            .expect(400, "rate " + bad)
                            .body())
                    .contains("commission_rate_bps");
        }
        JsonNode staff = api.get("/api/admin/staff/" + sam.id(), studio.owner())
                .expect(200)
                .json();
        assertThat(staff.get("commission_rate_bps").asInt()).isEqualTo(1250);
        // null is the default: no commission
        api.patch("/api/admin/staff/" + sam.id(), "{\"commission_rate_bps\": null}", studio.owner())
                .expect(200);
        assertThat(api.get("/api/admin/staff/" + sam.id(), studio.owner())
                        .expect(200)
                        .json()
                        .get("commission_rate_bps")
                        .asInt())
                .isZero();
    }

    @Test
    void anotherStudiosStaffIsNotFound() {
        TestStudio.Engineer sam = owed(10_000);
        TestStudio other = new TestStudio(api).openWithoutApproval();

        assertThat(api.post(
                                "/api/admin/payouts",
                                json(
                                        "staff_id",
                                        sam.id(),
                                        "amount_cents",
                                        100,
                                        "method",
                                        "cash",
                                        "operation_id",
                                        UUID.randomUUID().toString()),
                                other.owner())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(
                                "/api/admin/payouts/" + sam.id() + "/lines?from=" + day(-10) + "&to=" + day(0),
                                other.owner())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/admin/payouts?from=" + day(-10) + "&to=" + day(0), other.owner())
                        .expect(200)
                        .json()
                        .get("staff"))
                .isEmpty();
        assertThat(payouts()).isZero();
        // staff and clients may not see the studio's payouts
        assertThat(api.get("/api/admin/payouts?from=" + day(-10) + "&to=" + day(0), sam.token())
                        .status())
                .isEqualTo(403);
    }

    private Response send(Object... namesAndValues) {
        return api.post("/api/admin/payouts", json(namesAndValues), studio.owner());
    }

    private List<String> periodProblem(String query) {
        return api.get("/api/admin/payouts?" + query, studio.owner())
                .expect(400)
                .problem()
                .fields();
    }
}
