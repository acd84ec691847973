package io.roomtone.booking.web;

import io.roomtone.booking.BalanceCharges;
import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.CurrentUser;
import io.roomtone.payments.CardPayments;
import io.roomtone.shared.RoomtoneException;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A client's own bookings: the Upcoming and Past lists, and one booking's page with its price, its
 * policies and the changes its status still allows. A booking is named by its code, never its id;
 * somebody else's code is a 404 like a code that does not exist.
 */
@Controller
class MyBookingsPage {

    static final String UPCOMING = "upcoming";
    static final String PAST = "past";

    /** The outcomes a change redirects back with (post/redirect/get); anything else shows nothing. */
    private static final Set<String> DONE = Set.of("rescheduled", "canceled");

    private final BookingQueries queries;
    private final BookingChanges changes;
    private final ShownBookings shown;
    private final ShownPayments payments;
    private final BalanceCharges balances;
    private final CardPayments cards;

    MyBookingsPage(
            BookingQueries queries,
            BookingChanges changes,
            ShownBookings shown,
            ShownPayments payments,
            BalanceCharges balances,
            CardPayments cards) {
        this.queries = queries;
        this.changes = changes;
        this.shown = shown;
        this.payments = payments;
        this.balances = balances;
        this.cards = cards;
    }

    @GetMapping("/me/bookings")
    String showBookings(
            @RequestParam(required = false) String tab, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        String chosen = tab == null || tab.isBlank() ? UPCOMING : tab.strip();
        if (!chosen.equals(UPCOMING) && !chosen.equals(PAST)) {
            throw RoomtoneException.invalid("tab", "must be upcoming or past");
        }
        BookingQueries.Mine mine = queries.mine(viewer);
        model.addAttribute("tab", chosen);
        model.addAttribute("upcomingCount", mine.upcoming().size());
        model.addAttribute("pastCount", mine.past().size());
        model.addAttribute("cards", shown.show(chosen.equals(UPCOMING) ? mine.upcoming() : mine.past()));
        return "me/bookings";
    }

    @GetMapping("/me/bookings/{code}")
    String showBooking(
            @PathVariable String code,
            @RequestParam(required = false) String done,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model) {
        BookingQueries.Detail detail = queries.ownByCode(code, viewer);
        model.addAttribute("detail", detail);
        model.addAttribute("shown", shown.show(detail.booking()));
        model.addAttribute("money", payments.of(detail.booking()));
        model.addAttribute("done", done != null && DONE.contains(done) ? done : null);
        Booking booking = detail.booking();
        if (booking.paymentActionNeeded()) {
            // the automatic charge of the balance was declined: what is owed, paid here by card
            model.addAttribute("owedCents", booking.totalCents() + booking.feesCents() - booking.paidCents());
            model.addAttribute("cardsOn", cards.available());
            cards.open(booking.id())
                    .filter(started -> started.clientSecret() != null)
                    .ifPresent(started -> {
                        model.addAttribute("cardKey", cards.publishableKey());
                        model.addAttribute("cardSecret", started.clientSecret());
                    });
        }
        // the policy's tier as it stands now, computed by the rules the change itself applies
        if (detail.mayCancel()) {
            model.addAttribute(
                    "cancelNow", changes.previewCancel(detail.booking().id(), viewer));
        }
        if (detail.mayReschedule()) {
            model.addAttribute(
                    "feeNow", changes.rescheduleFeeNow(detail.booking().id(), viewer));
        }
        return "me/booking";
    }

    /**
     * "Pay now" on a booking whose automatic balance charge was declined: a card payment of what is
     * owed is started (the same one again if the client comes back), then the page shows Stripe's
     * Payment Element for it.
     */
    @PostMapping("/me/bookings/{code}/pay")
    String payOwed(@PathVariable String code, @AuthenticationPrincipal CurrentUser viewer) {
        Booking booking = queries.ownByCode(code, viewer).booking();
        balances.payOwed(booking.id(), viewer);
        return "redirect:"
                + UriComponentsBuilder.fromPath("/me/bookings/{code}")
                        .fragment("pay")
                        .buildAndExpand(booking.code())
                        .encode()
                        .toUriString();
    }
}
