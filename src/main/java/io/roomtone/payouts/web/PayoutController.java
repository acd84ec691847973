package io.roomtone.payouts.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.payouts.Commissions;
import io.roomtone.payouts.Payout;
import io.roomtone.payouts.PayoutMethod;
import io.roomtone.payouts.PayoutPeriod;
import io.roomtone.payouts.PayoutReports;
import io.roomtone.payouts.Payouts;
import io.roomtone.shared.Csv;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Payouts (admin)",
        description = "Staff commissions accrued on completed sessions, what each staff member is owed, and payouts")
@RestController
class PayoutController {

    /** A payout as sent; {@code method} is text so that a wrong one is a 400 naming the field. */
    record NewPayout(UUID staffId, Long amountCents, String method, Instant paidAt, String note, UUID operationId) {}

    static final String PERIOD = "`from` and `to` are days (`YYYY-MM-DD`) in the studio's time zone, both "
            + "included, at most " + PayoutPeriod.MAX_DAYS + " days; a session counts in the period it ended in, "
            + "a payout in the one it was paid in.";

    private final PayoutReports reports;
    private final Payouts payouts;
    private final Studios studios;

    PayoutController(PayoutReports reports, Payouts payouts, Studios studios) {
        this.reports = reports;
        this.payouts = payouts;
        this.studios = studios;
    }

    @Operation(
            summary = "What each staff member earned, was paid and is owed",
            description = PERIOD + " Per staff member (active or not): `sessions` completed in the period, "
                    + "`base_cents` (their share of those sessions' service revenue, net of tax), `rate_bps` "
                    + "(their rate now), `accrued_cents` (commission earned in the period), `reversed_cents` "
                    + "(commission taken back in the period by refunds of completed sessions), `paid_cents` (paid "
                    + "in the period) and `owed_cents` (owed now, whatever the period); `totals` sums them.")
    @GetMapping("/api/admin/payouts")
    PayoutReports.Report report(
            @Parameter(example = "2026-11-01") @RequestParam(required = false) LocalDate from,
            @Parameter(example = "2026-11-30") @RequestParam(required = false) LocalDate to) {
        return reports.report(period(from, to));
    }

    @Operation(
            summary = "The same figures as CSV",
            description = PERIOD + " One row per staff member; amounts in major units. Cells a spreadsheet "
                    + "would run as formulas are prefixed with an apostrophe.")
    @ApiResponse(
            responseCode = "200",
            description = "RFC 4180 CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(value = "/api/admin/payouts.csv", produces = "text/csv")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        PayoutPeriod period = period(from, to);
        PayoutReports.Report report = reports.report(period);
        StringBuilder csv = new StringBuilder(Csv.row(List.of(
                "staff_id",
                "name",
                "from",
                "to",
                "sessions",
                "revenue_base",
                "commission_percent",
                "accrued",
                "reversed",
                "paid",
                "owed_now",
                "currency")));
        for (PayoutReports.StaffFigures f : report.staff()) {
            List<String> cells = new ArrayList<>();
            cells.add(f.staffId().toString());
            cells.add(f.name());
            cells.add(period.from().toString());
            cells.add(period.to().toString());
            cells.add(Long.toString(f.sessions()));
            cells.add(major(f.baseCents(), f.currency()));
            cells.add(BigDecimal.valueOf(f.rateBps(), 2).toPlainString());
            cells.add(major(f.accruedCents(), f.currency()));
            cells.add(major(f.reversedCents(), f.currency()));
            cells.add(major(f.paidCents(), f.currency()));
            cells.add(major(f.owedCents(), f.currency()));
            cells.add(f.currency());
            csv.append(Csv.row(cells));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("payouts-" + period.from() + "-" + period.to() + ".csv")
                                .build()
                                .toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Operation(
            summary = "The sessions behind a staff member's figures",
            description = PERIOD + " Each completed session of theirs that ended in the period: booking code, "
                    + "start, end (`earned_at`), their share of its service revenue (`base_cents`), the rate it "
                    + "was accrued at and the commission. 404 for a staff member of another studio.")
    @GetMapping("/api/admin/payouts/{staffId}/lines")
    List<Commissions.Accrual> lines(
            @PathVariable UUID staffId,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        return reports.lines(staffId, period(from, to));
    }

    @Operation(
            summary = "Record a payout to a staff member",
            description = "`staff_id`, `amount_cents` (1 to 100000000000), `method` (`cash` or `bank_transfer`) and "
                    + "`operation_id` (a UUID the client makes once per payout) are required; `paid_at` defaults to "
                    + "now and is never in the future; `note` at most 500 characters. Posted to the ledger: "
                    + "commission payable (the staff member) against cash or bank. More than the staff member is "
                    + "owed now is a 409 `payout_exceeds_owed` with `owed_cents`, and nothing is written. Sending an "
                    + "`operation_id` again returns the payout it recorded (200) instead of recording another; with "
                    + "another staff member, amount or method it is a 409.")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "Recorded before with this operation_id")
    @PostMapping("/api/admin/payouts")
    ResponseEntity<Payout> record(@RequestBody NewPayout body, @AuthenticationPrincipal CurrentUser user) {
        PayoutMethod method = null;
        if (body.method() != null) {
            method = PayoutMethod.of(body.method())
                    .orElseThrow(() -> RoomtoneException.invalid("method", "must be one of cash, bank_transfer"));
        }
        Payouts.Recorded recorded = payouts.record(
                new Payouts.Request(
                        body.staffId(), body.amountCents(), method, body.paidAt(), body.note(), body.operationId()),
                user == null ? null : user.id());
        return ResponseEntity.status(recorded.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(recorded.payout());
    }

    private PayoutPeriod period(LocalDate from, LocalDate to) {
        return PayoutPeriod.of(from, to, studios.current().timezone());
    }

    private static String major(long cents, String currency) {
        int digits = Math.max(java.util.Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(cents, digits).toPlainString();
    }
}
