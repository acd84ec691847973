package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.PaymentStatus;
import io.roomtone.catalog.Rooms;
import io.roomtone.identity.CurrentUser;
import io.roomtone.payments.CardPayments;
import io.roomtone.scheduling.OnlinePayment;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.RoomtoneException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * After the request: "Request sent — awaiting approval" (or "Confirmed" at a studio that needs no
 * approval), the booking's code, and what happens next. Only the booking's client sees it: the
 * studio has its own pages for bookings, and anyone else gets a 404.
 */
@Controller
class SentPage {

    private final BookingQueries queries;
    private final Rooms rooms;
    private final CardPayments cards;
    private final StudioPolicies policies;

    SentPage(BookingQueries queries, Rooms rooms, CardPayments cards, StudioPolicies policies) {
        this.queries = queries;
        this.rooms = rooms;
        this.cards = cards;
        this.policies = policies;
    }

    @GetMapping("/book/sent/{bookingId}")
    String showSent(@PathVariable String bookingId, @AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            return "redirect:/signin?next=" + URLEncoder.encode("/book/sent/" + bookingId, StandardCharsets.UTF_8);
        }
        UUID id;
        try {
            id = UUID.fromString(bookingId);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.notFound("booking", bookingId);
        }
        Booking booking = queries.get(id, user);
        if (!booking.clientId().equals(user.id())) {
            throw RoomtoneException.notFound("booking", id);
        }
        model.addAttribute("booking", booking);
        model.addAttribute("room", rooms.find(booking.roomId()).orElse(null));
        model.addAttribute(
                "sessionLine",
                booking.lines().stream().filter(l -> !l.isAddon()).findFirst().orElse(null));
        model.addAttribute(
                "addOnLines", booking.lines().stream().filter(l -> l.isAddon()).toList());
        // the deposit by card, while it is still to pay: Stripe's Payment Element on this page
        if (booking.paymentStatus() == PaymentStatus.UNPAID) {
            cards.open(id).filter(started -> started.clientSecret() != null).ifPresent(started -> {
                model.addAttribute("cardKey", cards.publishableKey());
                model.addAttribute("cardSecret", started.clientSecret());
            });
            // what the card pays now, and, where the studio charges the rest to the saved card, when
            // (no surprise charges: the client is told before paying)
            StudioSettings settings = policies.current();
            boolean full = settings.onlinePayment() == OnlinePayment.FULL || booking.depositCents() <= 0;
            long paying = full ? booking.totalCents() : booking.depositCents();
            model.addAttribute("payingCents", paying);
            model.addAttribute("payingFull", full);
            if (settings.chargesBalanceAutomatically() && paying < booking.totalCents()) {
                model.addAttribute("balanceCents", booking.totalCents() - paying);
                model.addAttribute("balanceHours", settings.balanceChargeHours());
            }
        }
        return "book/sent";
    }
}
