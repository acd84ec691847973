package io.roomtone.calendar;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.booking.BookingEvents;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.Ics;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * The calendar files as the notification module will use them: from an {@link
 * ApplicationModuleListener} (after commit, in its own transaction, on another thread), within
 * {@code Tenancy.runAs(event.studioId(), ...)}.
 */
@RoomtoneTest
@Import(CalendarFilesInListenerTests.Mailer.class)
class CalendarFilesInListenerTests {

    /** What a mail about an approval would carry. */
    record Attachment(byte[] file, String path, AddToCalendarLinks links) {}

    @TestConfiguration
    static class Mailer {
        final Map<UUID, Attachment> sent = new ConcurrentHashMap<>();

        @Bean
        ApprovalMail approvalMail(BookingCalendarFiles files) {
            return new ApprovalMail(files, sent);
        }
    }

    static class ApprovalMail {
        private final BookingCalendarFiles files;
        private final Map<UUID, Attachment> sent;

        ApprovalMail(BookingCalendarFiles files, Map<UUID, Attachment> sent) {
            this.files = files;
            this.sent = sent;
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingApproved event) {
            Tenancy.runAs(
                    event.studioId(),
                    () -> sent.put(
                            event.bookingId(),
                            new Attachment(
                                    files.eventFile(event.bookingId()),
                                    files.fileUrlPath(event.bookingId()),
                                    files.links(event.bookingId()))));
        }
    }

    @Autowired
    Api api;

    @Autowired
    Mailer mailer;

    @Test
    void anApprovalListenerGetsTheConfirmedFileItsLinkAndTheAddToCalendarLinks() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().named("Mastering").create();
        BookedView booked = studio.book(booking(room, service, at(4, 15), at(4, 16)), studio.client());
        studio.approve(booked.bookingId(), "Welcome");

        UUID id = UUID.fromString(booked.bookingId());
        await().atMost(Duration.ofSeconds(20)).until(() -> mailer.sent.containsKey(id));
        Attachment mail = mailer.sent.get(id);

        Ics file = Ics.parse(new String(mail.file(), StandardCharsets.UTF_8));
        assertThat(file.property(Property.METHOD)).contains("REQUEST");
        assertThat(Ics.status(file.only())).isEqualTo("CONFIRMED");
        assertThat(Ics.uid(file.only())).isEqualTo(id + "@roomtone");
        assertThat(mail.links().google()).contains("Mastering");
        // the link in the mail downloads the same event
        Ics downloaded = Ics.parse(api.send("GET", mail.path(), null, null, Map.of("X-Studio", studio.slug()))
                .expect(200)
                .body());
        assertThat(Ics.uid(downloaded.only())).isEqualTo(Ics.uid(file.only()));
        assertThat(Ics.sequence(downloaded.only())).isEqualTo(Ics.sequence(file.only()));
    }
}
