package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.HoldRequest.hold;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.HoldView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A client holds a slot while they make up their mind; nobody else can take it meanwhile. */
@RoomtoneTest
class BookingHoldTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestStudio studio;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    @Test
    void aHeldSlotDisappearsFromSearchesUntilItExpires() {
        assertThat(studio.slotStarts(room, service, 4)).contains(at(4, 14));

        HoldView held = studio.hold(hold(room, at(4, 14), at(4, 15)).ofService(service), studio.client());

        assertThat(held.expiresAt()).isNotBlank();
        assertThat(studio.slotStarts(room, service, 4)).doesNotContain(at(4, 14));
    }

    @Test
    void nobodyElseCanBookAHeldSlot() {
        studio.hold(hold(room, at(4, 14), at(4, 15)).ofService(service), studio.client());

        Response stolen = studio.request(booking(room, service, at(4, 14), at(4, 15)), studio.client());

        assertThat(stolen.expect(409).problem().code()).isEqualTo("slot_unavailable");
    }

    @Test
    void theHolderBooksTheirHeldSlotOnlyOnce() {
        String holder = studio.client();
        HoldView held = studio.hold(hold(room, at(4, 14), at(4, 15)).ofService(service), holder);

        studio.book(booking(room, service, at(4, 14), at(4, 15)).withHold(held.holdId()), holder);
        Response again =
                studio.request(booking(room, service, at(4, 14), at(4, 15)).withHold(held.holdId()), holder);

        again.expect(409);
    }

    @Test
    void anExpiredHoldBlocksNothingWithoutAnyJobHavingRun() {
        String held = studio.hold(hold(room, at(4, 16), at(4, 17)).ofService(service), studio.client())
                .holdId();
        // time passes: the hold's 15 minutes are over (only its expiry moves; no sweeper runs)
        Tenancy.runAs(
                UUID.fromString(studio.id()),
                () -> transactions.executeWithoutResult(tx -> {
                    jdbc.sql("UPDATE hold SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid")
                            .param(held)
                            .update();
                    assertThat(jdbc.sql(
                                            "UPDATE occupancy SET expires_at = now() - interval '1 minute' WHERE hold_id = ?::uuid")
                                    .param(held)
                                    .update())
                            .isEqualTo(1);
                }));

        assertThat(studio.slotStarts(room, service, 4)).contains(at(4, 16));
        studio.book(booking(room, service, at(4, 16), at(4, 17)), studio.client());
    }

    @Test
    void aClientCannotHoldTheWholeWeek() {
        String client = studio.client();
        for (int hour = 9; hour < 9 + Holds.MAX_ACTIVE_HOLDS; hour++) {
            studio.hold(hold(room, at(28, hour), at(28, hour + 1)), client);
        }

        Response oneTooMany =
                api.post("/api/holds", hold(room, at(28, 15), at(28, 16)).json(), client);

        assertThat(oneTooMany.expect(409).problem().code()).isEqualTo("conflict");
        // the limit is the client's, not the slot's: the studio may still hold it
        studio.hold(hold(room, at(28, 15), at(28, 16)), studio.owner());
    }
}
