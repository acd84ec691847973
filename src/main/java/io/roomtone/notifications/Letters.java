package io.roomtone.notifications;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.ManageLinks;
import io.roomtone.calendar.BookingCalendarFiles;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Clients;
import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.Role;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Team;
import io.roomtone.identity.UserAccount;
import io.roomtone.invoicing.InvoiceSettings;
import io.roomtone.shared.PublicAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes a booking's messages to the people it concerns: its client, the studio's owners and admins,
 * the staff on it. Each letter carries the booking's {@link BookingFacts} as {@code b} and the
 * studio as {@code studio}.
 */
@Component
class Letters {

    private final Mailroom mailroom;
    private final Notices notices;
    private final Clients clients;
    private final Rooms rooms;
    private final StaffMembers staff;
    private final Team team;
    private final Studios studios;
    private final InvoiceSettings invoiceSettings;
    private final MessageSource messages;
    private final PublicAddress publicAddress;
    private final BookingCalendarFiles calendarFiles;
    private final ManageLinks manageLinks;

    Letters(
            Mailroom mailroom,
            Notices notices,
            Clients clients,
            Rooms rooms,
            StaffMembers staff,
            Team team,
            Studios studios,
            InvoiceSettings invoiceSettings,
            MessageSource messages,
            PublicAddress publicAddress,
            BookingCalendarFiles calendarFiles,
            ManageLinks manageLinks) {
        this.mailroom = mailroom;
        this.notices = notices;
        this.clients = clients;
        this.rooms = rooms;
        this.staff = staff;
        this.team = team;
        this.studios = studios;
        this.invoiceSettings = invoiceSettings;
        this.messages = messages;
        this.publicAddress = publicAddress;
        this.calendarFiles = calendarFiles;
        this.manageLinks = manageLinks;
    }

    ZoneId zone() {
        return studios.current().timezone();
    }

    void toClient(String key, String template, Booking booking, Map<String, Object> extra) {
        toClient(key, template, booking, extra, List.of());
    }

    void toClient(
            String key, String template, Booking booking, Map<String, Object> extra, List<Message.Attachment> files) {
        UserAccount client = clients.find(booking.clientId()).orElse(null);
        if (client == null || client.email() == null) {
            return; // a walk-in without an address hears from the studio in person
        }
        mailroom.post(
                key, template, client.email(), () -> letter(key, client.email(), template, booking, client, extra, true)
                        .attaching(files));
    }

    /** A message to the client that waits in the outbox until {@code due}. */
    void toClientAt(String key, String template, Booking booking, Instant due) {
        clients.find(booking.clientId())
                .filter(client -> client.email() != null)
                .ifPresent(client -> mailroom.post(key, template, client.email(), () -> letter(
                                key, client.email(), template, booking, client, Map.of(), true)
                        .dueAt(due)));
    }

    /**
     * A text to the booking's client, beside the e-mail of the same {@code key} and {@code template},
     * when they agreed to texts and have a phone; it waits until {@code due} (null: now).
     */
    void smsToClient(String key, String template, Booking booking, Instant due) {
        UserAccount client = clients.find(booking.clientId()).orElse(null);
        // a number typed before E.164 was required, or one that no longer opens, cannot be dialled
        if (client == null || !client.smsOptIn() || !PhoneNumbers.dialable(client.phone())) {
            return;
        }
        mailroom.text(letter(key, client.phone(), template, booking, client, Map.of(), true)
                .dueAt(due));
    }

    /** To each owner and admin of the studio. */
    void toStudio(String key, String template, Booking booking, Map<String, Object> extra) {
        UserAccount client = clients.find(booking.clientId()).orElse(null);
        for (Team.Member member : deskPeople()) {
            if (member.email() != null) {
                mailroom.post(
                        key,
                        template,
                        member.email(),
                        () -> letter(key, member.email(), template, booking, client, extra, false));
            }
        }
    }

    void toStaff(String key, String template, Booking booking, Collection<UUID> staffIds, Map<String, Object> extra) {
        UserAccount client = clients.find(booking.clientId()).orElse(null);
        for (UUID id : staffIds) {
            staff.find(id)
                    .map(StaffMember::email)
                    .ifPresent(email -> mailroom.post(
                            key, template, email, () -> letter(key, email, template, booking, client, extra, false)));
        }
    }

    /** A letter about no booking to one person, with a button to {@code path}. */
    void toPerson(String key, String template, String email, Map<String, Object> facts, String path) {
        mailroom.post(key, template, email, () -> plainLetter(key, template, email, facts, path));
    }

    /** A letter about no booking to each owner and admin, with a button to {@code path}. */
    void toDesk(String key, String template, Map<String, Object> facts, String path) {
        for (Team.Member member : deskPeople()) {
            toPerson(key, template, member.email(), facts, path);
        }
    }

    /** An in-app notice for every owner and admin and {@code others}, about no booking. */
    void noticeOf(
            String key, String kind, String titleKey, String subject, String body, String link, List<UUID> others) {
        List<UUID> readers = new java.util.ArrayList<>(
                deskPeople().stream().map(Team.Member::id).toList());
        others.stream().filter(id -> !readers.contains(id)).forEach(readers::add);
        String title = messages.getMessage(titleKey, new Object[] {subject}, Mailroom.LOCALE);
        notices.give(readers, key, kind, title, body.length() > 2000 ? body.substring(0, 2000) : body, link, null);
    }

    private Mailroom.Letter plainLetter(
            String key, String template, String email, Map<String, Object> facts, String path) {
        Studio studio = studios.current();
        Map<String, Object> variables = new HashMap<>(facts);
        variables.put("studio", studio);
        variables.put("address", invoiceSettings.current().address());
        variables.put("url", publicAddress.of(path));
        return Mailroom.Letter.of(key, email, template, null).with(variables, studio.name());
    }

    /** An in-app notice for every owner and admin; its title is the message {@code titleKey}. */
    void notice(String key, String kind, Booking booking, String titleKey) {
        String title = messages.getMessage(titleKey, new Object[] {booking.code()}, Mailroom.LOCALE);
        String body = BookingFacts.moment(booking.startAt(), zone());
        notices.give(
                deskPeople().stream().map(Team.Member::id).toList(),
                key,
                kind,
                title,
                body,
                "/admin/bookings/" + booking.id(),
                booking.id());
    }

    /**
     * The booking's calendar file (same UID every time, SEQUENCE raised on each change): a request
     * while the session stands, a cancellation once it does not.
     */
    List<Message.Attachment> calendarFile(Booking booking) {
        boolean canceled = booking.status() == BookingStatus.CANCELED
                || booking.status() == BookingStatus.REJECTED
                || booking.status() == BookingStatus.EXPIRED;
        return List.of(new Message.Attachment(
                "booking-" + booking.code().replaceAll("[^A-Za-z0-9_-]", "_") + ".ics",
                "text/calendar; charset=UTF-8; method=" + (canceled ? "CANCEL" : "REQUEST"),
                calendarFiles.eventFile(booking.id())));
    }

    private List<Team.Member> deskPeople() {
        return team.list().stream()
                .filter(member -> member.role() == Role.OWNER || member.role() == Role.ADMIN)
                .toList();
    }

    /** {@code toClient}: the letter carries a new "manage booking" link of its own (see {@link ManageLinks}). */
    private Mailroom.Letter letter(
            String key,
            String to,
            String template,
            Booking booking,
            UserAccount client,
            Map<String, Object> extra,
            boolean toClient) {
        Studio studio = studios.current();
        Room room = rooms.find(booking.roomId()).orElse(null);
        String address = invoiceSettings.current().address();
        String manageUrl = toClient
                ? manageLinks
                        .issue(booking.id())
                        .map(token -> publicAddress.of("/manage/" + token))
                        .orElse(null)
                : null;
        BookingFacts facts = BookingFacts.of(booking, client, room, studio, address, publicAddress, manageUrl);
        Map<String, Object> variables = new HashMap<>(extra);
        variables.put("b", facts);
        variables.put("studio", studio);
        variables.put("address", address);
        variables.put("deskUrl", publicAddress.of("/admin/bookings/" + booking.id()));
        variables.put("calendarLinks", calendarFiles.links(booking.id()));
        return Mailroom.Letter.of(key, to, template, booking.id())
                .with(variables, studio.name(), booking.code(), facts.date());
    }
}
