package io.roomtone.booking.web;

import io.roomtone.booking.BalanceCharges;
import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingPayments;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMember;
import io.roomtone.identity.Studios;
import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.TargetType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The studio desk's first page: today's and tomorrow's sessions, how many requests wait for a
 * decision, and what needs setting up or doing soon, each warning with the page that fixes it.
 */
@Controller
class DeskTodayPage {

    /** Requests whose decision deadline is closer than this are called out. */
    static final Duration SOON = Duration.ofHours(24);

    /** The most requests the queue preview lists; the count says how many there are. */
    static final int QUEUE_PREVIEW = 200;

    /** A setup gap or a pressing task: {@code key} names the text ({@code arg} fills it), {@code href} the fix. */
    record Warning(String key, String arg, String href, String linkKey) {}

    /** One day of sessions, in the studio's zone. */
    record Day(LocalDate date, String headingKey, List<DeskRows.Row> sessions) {}

    /** How long before a card hold lapses the studio is warned (and always when it lapses before the deadline). */
    static final Duration CARD_HOLD_WARNING = Duration.ofDays(2);

    private final BookingQueries queries;
    private final BookingPayments payments;
    private final BalanceCharges balances;
    private final DeskRows rows;
    private final Services services;
    private final ScheduleRules rules;
    private final Studios studios;
    private final Clock clock;

    DeskTodayPage(
            BookingQueries queries,
            BookingPayments payments,
            BalanceCharges balances,
            DeskRows rows,
            Services services,
            ScheduleRules rules,
            Studios studios,
            Clock clock) {
        this.queries = queries;
        this.payments = payments;
        this.balances = balances;
        this.rows = rows;
        this.services = services;
        this.rules = rules;
        this.studios = studios;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String showToday(Model model) {
        ZoneId zone = studios.current().timezone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        Instant dayAfterTomorrow = today.plusDays(2).atStartOfDay(zone).toInstant();
        // rejected and expired requests never happened; a canceled session is worth seeing that day
        List<Booking> sessions = queries.list(null, dayStart, dayAfterTomorrow, null).stream()
                .filter(b -> b.status() != BookingStatus.REJECTED && b.status() != BookingStatus.EXPIRED)
                .toList();
        List<DeskRows.Row> all = rows.of(sessions);
        model.addAttribute(
                "days",
                List.of(
                        new Day(today, "desk.today.today", on(all, today, zone)),
                        new Day(today.plusDays(1), "desk.today.tomorrow", on(all, today.plusDays(1), zone))));

        BookingQueries.Page queue =
                queries.page(BookingQueries.Search.awaitingApproval(), BookingQueries.Order.DEADLINE, 0, QUEUE_PREVIEW);
        model.addAttribute("queueCount", queue.total());
        List<DeskRows.Row> dueSoon = rows.of(queue.items().stream()
                .filter(b -> b.decisionDueAt() != null && b.decisionDueAt().isBefore(now.plus(SOON)))
                .toList());
        model.addAttribute("dueSoon", dueSoon);
        List<Warning> warnings = warnings();
        for (BookingPayments.LapsingHold hold : payments.lapsingHolds(CARD_HOLD_WARNING, now)) {
            warnings.add(new Warning(
                    "desk.warn.cardHoldLapses",
                    hold.booking().code(),
                    "/admin/bookings/" + hold.booking().id(),
                    "desk.warn.cardHoldLapses.link"));
        }
        for (Booking owing : balances.needingPaymentAction()) {
            warnings.add(new Warning(
                    "balance.desk.warn", owing.code(), "/admin/bookings/" + owing.id(), "balance.desk.warn.link"));
        }
        model.addAttribute("warnings", warnings);
        model.addAttribute("now", now);
        return "admin/today";
    }

    private static List<DeskRows.Row> on(List<DeskRows.Row> all, LocalDate date, ZoneId zone) {
        return all.stream()
                .filter(row ->
                        LocalDate.ofInstant(row.booking().startAt(), zone).equals(date))
                .toList();
    }

    /** What keeps the studio from taking bookings, or from staffing them. */
    private List<Warning> warnings() {
        List<Warning> warnings = new ArrayList<>();
        List<ScheduleRule> hours = rules.list();
        if (hours.stream().noneMatch(r -> r.targetType() == TargetType.STUDIO || r.targetType() == TargetType.ROOM)) {
            warnings.add(new Warning("desk.warn.noHours", null, "/admin/schedule", "desk.warn.noHours.link"));
        }
        if (rows.rooms().stream().noneMatch(room -> room.active())) {
            warnings.add(new Warning("desk.warn.noRooms", null, "/admin/rooms", "desk.warn.noRooms.link"));
        }
        if (services.list(true).stream().noneMatch(s -> !s.isAddon())) {
            warnings.add(new Warning("desk.warn.noServices", null, "/admin/services", "desk.warn.noServices.link"));
        }
        Set<UUID> staffWithHours = hours.stream()
                .filter(r -> r.targetType() == TargetType.STAFF)
                .map(ScheduleRule::targetId)
                .collect(Collectors.toSet());
        for (StaffMember member : rows.staff()) {
            if (member.active() && !staffWithHours.contains(member.id())) {
                warnings.add(new Warning(
                        "desk.warn.staffWithoutHours", member.name(), "/admin/schedule", "desk.warn.staff.link"));
            }
        }
        return warnings;
    }
}
