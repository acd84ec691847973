package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.QuoteView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A visitor prices a session before booking it; the server computes the price, and the booking keeps it. */
@RoomtoneTest
class QuoteTests {

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    String addOn;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        addOn = studio.addOn(2_500);
    }

    private QuoteView quoteTwoHoursWithTwoAddOns() {
        return studio.anonymous(
                        "/api/quote",
                        json(
                                "room_id",
                                room,
                                "service_id",
                                service,
                                "start_at",
                                at(3, 10),
                                "duration_min",
                                120,
                                "add_ons",
                                List.of(Map.of("service_id", addOn, "qty", 2))))
                .expect(200)
                .as(QuoteView.class);
    }

    @Test
    void aQuoteAddsTaxAndTheDepositToTheBlocksAndAddOns() {
        QuoteView quote = quoteTwoHoursWithTwoAddOns();

        // 2 blocks of 100.00 + 2 x 25.00 = 250.00; 13 % tax = 32.50; total 282.50; deposit 25 % = 70.63 (half-up)
        assertThat(quote.subtotalCents()).isEqualTo(25_000);
        assertThat(quote.taxesCents()).isEqualTo(3_250);
        assertThat(quote.totalCents()).isEqualTo(28_250);
        assertThat(quote.depositCents()).isEqualTo(7_063);
        assertThat(quote.currency()).isEqualTo("CAD");
        assertThat(quote.policySummary()).contains("48 h");
    }

    @Test
    void theBookingCostsWhatItsQuoteSaid() {
        QuoteView quote = quoteTwoHoursWithTwoAddOns();

        BookedView booked =
                studio.book(booking(room, service, at(3, 10), at(3, 12)).withAddOn(addOn, 2), studio.client());

        assertThat(booked.totalCents()).isEqualTo(quote.totalCents()).isEqualTo(28_250);
        assertThat(booked.depositCents()).isEqualTo(quote.depositCents()).isEqualTo(7_063);
    }
}
