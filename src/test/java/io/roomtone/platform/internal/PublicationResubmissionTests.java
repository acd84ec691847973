package io.roomtone.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A publication whose listener failed is handed to it again: once it is old enough, by one node at
 * a time, however many run the job at once; a younger one waits for a later run.
 */
@RoomtoneTest
class PublicationResubmissionTests {

    private static final String MAILS_OF = "listener_id LIKE '%BookingMails%' AND serialized_event LIKE :booking";

    @Autowired
    Api api;

    @Autowired
    PublicationResubmission resubmission;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aFailedPublicationOldEnoughIsDeliveredAgainOnceAndAYoungerOneWaits() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String service = studio.service().create();
        String client = studio.client();
        BookedView old =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 10), TestStudio.at(3, 11)), client);
        BookedView young =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 12), TestStudio.at(3, 13)), client);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> confirmations(studio, old) == 1 && confirmations(studio, young) == 1);

        // as after a node died with the listener's work rolled back: no mail, a failed publication
        for (BookedView booked : new BookedView[] {old, young}) {
            assertThat(inStudio(studio, () -> jdbc.sql("DELETE FROM delivery WHERE booking_id = :booking")
                            .param("booking", UUID.fromString(booked.bookingId()))
                            .update()))
                    .isPositive();
            assertThat(confirmations(studio, booked)).isZero();
        }
        assertThat(fail(old, "now() - interval '1 hour'")).isPositive();
        assertThat(fail(young, "now()")).isPositive();

        Parallel.run(6, i -> resubmission.resubmitFailed());

        await().atMost(Duration.ofSeconds(20)).until(() -> confirmations(studio, old) == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> confirmations(studio, old) == 1);
        assertThat(completed(old)).isTrue();
        assertThat(confirmations(studio, young)).isZero();
        assertThat(completed(young)).isFalse();
    }

    private int fail(BookedView booked, String publishedAt) {
        return jdbc.sql("UPDATE event_publication SET completion_date = NULL, status = 'FAILED', publication_date = "
                        + publishedAt + " WHERE " + MAILS_OF)
                .param("booking", "%" + booked.bookingId() + "%")
                .update();
    }

    private boolean completed(BookedView booked) {
        return jdbc.sql("SELECT bool_and(completion_date IS NOT NULL) FROM event_publication WHERE " + MAILS_OF)
                .param("booking", "%" + booked.bookingId() + "%")
                .query(Boolean.class)
                .single();
    }

    private long confirmations(TestStudio studio, BookedView booked) {
        return inStudio(studio, () -> jdbc.sql(
                        "SELECT count(*) FROM delivery WHERE booking_id = :booking AND template = 'booking-confirmed'")
                .param("booking", UUID.fromString(booked.bookingId()))
                .query(Long.class)
                .single());
    }

    private <T> T inStudio(TestStudio studio, Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> new TransactionTemplate(transactions)
                .execute(status -> work.get()));
    }
}
