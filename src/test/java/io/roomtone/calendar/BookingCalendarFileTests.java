package io.roomtone.calendar;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.Ics;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A booking's own calendar file, downloaded through its tokenized link and built through the Java
 * API the mails use, parsed with ical4j: one event whose UID never changes, whose SEQUENCE rises with
 * every change, in the studio's time zone, and which says CANCELLED (METHOD:CANCEL) instead of
 * disappearing.
 */
@RoomtoneTest
class BookingCalendarFileTests {

    @Autowired
    Api api;

    @Autowired
    BookingCalendarFiles files;

    private record Booked(TestStudio studio, String client, BookedView booking, String service) {}

    private Booked requested(TestStudio studio) {
        String room = studio.namedRoom(Api.unique("Live Room"), "#3366ff");
        String service = studio.service().named("Mixing").create();
        String client = studio.client();
        BookedView booked = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);
        return new Booked(studio, client, booked, service);
    }

    private String path(TestStudio studio, String bookingId) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> files.fileUrlPath(UUID.fromString(bookingId)));
    }

    private Response download(TestStudio studio, String path) {
        return api.send("GET", path, null, null, Map.of("X-Studio", studio.slug()));
    }

    private Ics file(TestStudio studio, String path) {
        Response answer = download(studio, path).expect(200);
        assertThat(answer.contentType()).startsWith("text/calendar");
        return Ics.parse(answer.body());
    }

    @Test
    void followsTheBookingFromRequestToApprovalRescheduleAndCancellationUnderOneUid() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        Booked booked = requested(studio);
        String id = booked.booking().bookingId();
        String path = path(studio, id);
        assertThat(path)
                .startsWith("/api/calendar/ics/booking/" + booked.booking().code() + ".ics?token=");

        Ics requested = file(studio, path);
        VEvent event = requested.only();
        assertThat(requested.property(Property.METHOD)).contains("REQUEST");
        assertThat(requested.property(Property.PRODID))
                .hasValueSatisfying(p -> assertThat(p).contains("Roomtone"));
        assertThat(requested.timeZones()).containsExactly(TestStudio.ZONE.getId());
        assertThat(Ics.uid(event)).isEqualTo(id + "@roomtone");
        assertThat(Ics.status(event)).isEqualTo("TENTATIVE");
        assertThat(Ics.startZone(event)).contains(TestStudio.ZONE.getId());
        assertThat(Ics.start(event)).isEqualTo(Instant.parse(at(5, 10)));
        assertThat(Ics.end(event)).isEqualTo(Instant.parse(at(5, 11)));
        assertThat(Ics.value(event, Property.DTSTAMP)).isPresent();
        assertThat(Ics.value(event, Property.SUMMARY).orElseThrow())
                .contains("Mixing")
                .contains("Studio " + studio.slug());
        assertThat(Ics.value(event, Property.LOCATION).orElseThrow()).contains("Live Room");
        assertThat(Ics.value(event, Property.DESCRIPTION).orElseThrow())
                .contains(booked.booking().code())
                .contains("/me/bookings/" + booked.booking().code());
        int sequence = Ics.sequence(event);

        studio.approve(id, "See you");
        VEvent approved = file(studio, path).only();
        assertThat(Ics.uid(approved)).isEqualTo(id + "@roomtone");
        assertThat(Ics.status(approved)).isEqualTo("CONFIRMED");
        assertThat(Ics.sequence(approved)).isGreaterThan(sequence);

        studio.reschedule(id, at(6, 14), at(6, 15), studio.owner());
        VEvent moved = file(studio, path).only();
        assertThat(Ics.uid(moved)).as("the same event, moved").isEqualTo(id + "@roomtone");
        assertThat(Ics.sequence(moved)).isGreaterThan(Ics.sequence(approved));
        assertThat(Ics.start(moved)).isEqualTo(Instant.parse(at(6, 14)));
        assertThat(Ics.startZone(moved)).contains(TestStudio.ZONE.getId());

        studio.cancel(id, "Band split up", booked.client());
        Ics canceled = file(studio, path);
        assertThat(canceled.property(Property.METHOD)).contains("CANCEL");
        assertThat(Ics.status(canceled.only())).isEqualTo("CANCELLED");
        assertThat(Ics.uid(canceled.only())).isEqualTo(id + "@roomtone");
        assertThat(Ics.sequence(canceled.only())).isGreaterThan(Ics.sequence(moved));

        // the file the mails attach says the same
        Ics attached = Ics.parse(new String(
                Tenancy.callAs(UUID.fromString(studio.id()), () -> files.eventFile(UUID.fromString(id))),
                StandardCharsets.UTF_8));
        assertThat(attached.property(Property.METHOD)).contains("CANCEL");
        assertThat(Ics.sequence(attached.only())).isEqualTo(Ics.sequence(canceled.only()));
    }

    @Test
    void aRejectedRequestIsCancelledToo() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        Booked booked = requested(studio);
        String id = booked.booking().bookingId();
        api.post("/api/admin/bookings/" + id + "/reject", Api.json("reason", "Fully booked"), studio.owner())
                .expect(200);

        Ics rejected = file(studio, path(studio, id));
        assertThat(rejected.property(Property.METHOD)).contains("CANCEL");
        assertThat(Ics.status(rejected.only())).isEqualTo("CANCELLED");
    }

    @Test
    void aWrongTokenAnotherBookingsTokenOrAnotherStudioFindNothing() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        Booked first = requested(studio);
        String room = studio.room();
        BookedView second = studio.book(booking(room, first.service(), at(7, 10), at(7, 11)), first.client());
        String firstPath = path(studio, first.booking().bookingId());
        String token = firstPath.substring(firstPath.indexOf("token=") + 6);

        // the first booking's token does not open the second
        Response crossed = download(studio, "/api/calendar/ics/booking/" + second.code() + ".ics?token=" + token);
        crossed.expect(404);
        assertThat(crossed.contentType()).startsWith("application/problem+json");
        // worded exactly as for a code that names nothing: no existence leaks
        assertThat(crossed.json().get("detail"))
                .isEqualTo(download(studio, "/api/calendar/ics/booking/ZZZZ-ZZZZ.ics?token=" + token)
                        .json()
                        .get("detail"));
        download(studio, "/api/calendar/ics/booking/" + first.booking().code() + ".ics?token=" + token + "x")
                .expect(404);
        download(studio, "/api/calendar/ics/booking/" + first.booking().code() + ".ics?token=not-base64!!")
                .expect(404);
        download(studio, "/api/calendar/ics/booking/" + first.booking().code() + ".ics")
                .expect(404);
        download(studio, "/api/calendar/ics/booking/NOT-A-CODE.ics?token=" + token)
                .expect(404);
        download(studio, "/api/calendar/ics/booking/" + "9".repeat(300) + ".ics?token=" + token)
                .expect(404);
        // the same link asked of another studio: no such booking there
        TestStudio other = new TestStudio(api);
        download(other, firstPath).expect(404);
        // the code typed in lower case is still the booking
        file(
                studio,
                firstPath.replace(first.booking().code(), first.booking().code().toLowerCase()));
    }

    @Test
    void addToCalendarLinksNameTheBookingForGoogleOutlookAndApple() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        Booked booked = requested(studio);
        AddToCalendarLinks links = Tenancy.callAs(
                UUID.fromString(studio.id()),
                () -> files.links(UUID.fromString(booked.booking().bookingId())));

        assertThat(links.google())
                .startsWith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
                .contains("dates=" + basic(at(5, 10)) + "/" + basic(at(5, 11)))
                .contains("ctz=America/Toronto")
                .contains("Mixing");
        assertThat(links.outlook())
                .startsWith("https://outlook.live.com/calendar/0/action/compose?")
                .contains("startdt=" + at(5, 10))
                .contains("enddt=" + at(5, 11));
        assertThat(links.apple()).isEqualTo(links.file());
        String path = path(studio, booked.booking().bookingId());
        assertThat(links.file()).endsWith(path).startsWith("http");
        // the link is the file
        file(studio, links.file().substring(links.file().indexOf("/api/")));
    }

    /** An ISO instant as a calendar's basic UTC form (20261203T150000Z). */
    private static String basic(String iso) {
        return iso.replace("-", "").replace(":", "").replaceAll("\\.\\d+", "");
    }
}
