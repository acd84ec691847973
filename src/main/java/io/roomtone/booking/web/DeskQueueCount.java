package io.roomtone.booking.web;

import io.roomtone.booking.BookingQueries;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The count of requests awaiting approval in the desk's navigation ({@code admin/nav.html}, as
 * {@code @deskQueue}), and the fragment that navigation asks for again when the desk's live stream
 * says a booking changed.
 */
@Controller("deskQueue")
public class DeskQueueCount {

    private final BookingQueries queries;

    DeskQueueCount(BookingQueries queries) {
        this.queries = queries;
    }

    /** How many of the studio's requests await a decision. */
    public long awaiting() {
        return queries.page(BookingQueries.Search.awaitingApproval(), BookingQueries.Order.DEADLINE, 0, 1)
                .total();
    }

    @GetMapping("/admin/bookings/queue/count")
    String showCount() {
        return "admin/nav :: queue";
    }
}
