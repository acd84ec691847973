package io.roomtone.booking;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Secrets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Manage booking" links: what a client's e-mail carries to open their booking without signing in,
 * and to reschedule or cancel it under the same rules as their own pages ({@link BookingChanges},
 * acting as the booking's client).
 *
 * <p>Each link is a random token handed out once ({@link #issue}, called while a mail is written)
 * and kept only as its SHA-256, so neither the database nor the event publication table holds a
 * usable link. Opening a link is repeatable while it is valid: until its booking no longer holds a
 * slot or its session is over. Each change made through it consumes the link's current action id
 * (carried by the form that was shown) in the change's own transaction, so that the same form sent
 * a dozen times changes the booking once ({@link FormUsed} for the rest), and a change that is
 * refused consumes nothing.
 */
@Service
public class ManageLinks {

    /** Tokens as {@link Secrets#newToken()} makes them: anything else cannot name a link. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * A link and what it opens.
     *
     * @param actionId the one-time id the next change through this link must carry
     * @param client the booking's client, as whom the link's changes are made
     * @param open whether the link still opens the booking: false once the booking is canceled,
     *     rejected, expired, completed or its session is over (or the link was revoked)
     */
    public record Link(UUID id, UUID actionId, Booking booking, CurrentUser client, boolean open) {}

    /** The form's action id was used already (or never belonged to this link): nothing changed. */
    public static final class FormUsed extends RoomtoneException {
        FormUsed() {
            super(
                    ProblemCode.CONFLICT,
                    "This form was already sent: the change was made once. Here is the booking as it is now.");
        }
    }

    private final JdbcClient jdbc;
    private final BookingStore store;
    private final BookingChanges changes;
    private final BookingAccess access;
    private final BookingJournal journal;
    private final TransactionRetries transactions;

    ManageLinks(
            JdbcClient jdbc,
            BookingStore store,
            BookingChanges changes,
            BookingAccess access,
            BookingJournal journal,
            TransactionRetries transactions) {
        this.jdbc = jdbc;
        this.store = store;
        this.changes = changes;
        this.access = access;
        this.journal = journal;
        this.transactions = transactions;
    }

    /**
     * A new link for the current studio's booking {@code bookingId}, as the raw token to put in a
     * URL ({@code /manage/<token>}); empty when the booking cannot be managed any more (it holds no
     * slot, or its session is over) or does not exist. Works inside an event listener's transaction
     * under {@link Tenancy#runAs}.
     */
    @Transactional
    public Optional<String> issue(UUID bookingId) {
        Optional<Booking> booking = store.find(bookingId).map(BookingStore.Snapshot::booking);
        if (booking.isEmpty() || !manageable(booking.get(), access.now())) {
            return Optional.empty();
        }
        String token = Secrets.newToken();
        jdbc.sql(
                        """
                        INSERT INTO booking_manage_link (studio_id, booking_id, token_hash)
                        VALUES (?, ?, ?)
                        """)
                .params(Tenancy.currentStudioId(), bookingId, Secrets.sha256(token))
                .update();
        return Optional.of(token);
    }

    /**
     * The link {@code token} names in the current studio, open or not; empty for a token of no link
     * here (malformed, forged, another studio's), which callers answer like a missing page.
     */
    @Transactional(readOnly = true)
    public Optional<Link> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        record Row(UUID id, UUID bookingId, UUID actionId, boolean revoked) {}
        return jdbc.sql(
                        """
                        SELECT id, booking_id, action_id, revoked_at IS NOT NULL AS revoked
                          FROM booking_manage_link
                         WHERE token_hash = ?
                        """)
                .param(Secrets.sha256(token))
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getObject("booking_id", UUID.class),
                        rs.getObject("action_id", UUID.class),
                        rs.getBoolean("revoked")))
                .optional()
                .flatMap(row -> store.find(row.bookingId())
                        .map(BookingStore.Snapshot::booking)
                        .map(booking -> new Link(
                                row.id(),
                                row.actionId(),
                                booking,
                                clientOf(booking),
                                !row.revoked() && manageable(booking, access.now()))));
    }

    /**
     * Cancels the link's booking as its client, for the refund {@code expectedRefundPercent} that
     * was shown, consuming {@code actionId}; see {@link BookingChanges#cancel}.
     *
     * @throws FormUsed when {@code actionId} was consumed already (the booking is not touched)
     */
    public BookingChanges.Cancellation cancel(Link link, UUID actionId, String reason, int expectedRefundPercent) {
        return transactions.inTransaction("cancellation", () -> {
            consume(link, actionId, "cancel");
            return changes.cancel(link.booking().id(), reason, expectedRefundPercent, link.client());
        });
    }

    /**
     * Moves the link's booking as its client, for the fee {@code expectedFeeCents} that was shown,
     * consuming {@code actionId}; see {@link BookingChanges#reschedule}.
     *
     * @throws FormUsed when {@code actionId} was consumed already (the booking is not touched)
     */
    public BookingChanges.Rescheduled reschedule(
            Link link, UUID actionId, Instant newStart, Instant newEnd, long expectedFeeCents) {
        return transactions.inTransaction("reschedule", () -> {
            consume(link, actionId, "reschedule");
            return changes.reschedule(link.booking().id(), newStart, newEnd, expectedFeeCents, link.client());
        });
    }

    /**
     * Closes every link of the booking (once it is canceled, decided against or over); a link already
     * closed keeps its first date. Idempotent, as the listeners calling it may run twice.
     */
    @Transactional
    public int revoke(UUID bookingId) {
        return jdbc.sql(
                        """
                        UPDATE booking_manage_link SET revoked_at = now()
                         WHERE booking_id = ? AND revoked_at IS NULL
                        """)
                .param(bookingId)
                .update();
    }

    /**
     * Takes the link's action id in one conditional UPDATE: of any number of transactions sending
     * the same id, the first takes it and the others wait for its row lock, then find the id changed
     * (or, if the first rolled back, one of them takes it). The change's own transaction follows, so
     * a refused change gives the id back.
     */
    private void consume(Link link, UUID actionId, String action) {
        if (!link.open()) {
            throw closed(link.booking());
        }
        int taken = actionId == null
                ? 0
                : jdbc.sql(
                                """
                                UPDATE booking_manage_link
                                   SET action_id = gen_random_uuid(), actions = actions + 1, last_used_at = now()
                                 WHERE id = ? AND action_id = ? AND revoked_at IS NULL
                                """)
                        .params(link.id(), actionId)
                        .update();
        if (taken == 0) {
            throw new FormUsed();
        }
        journal.note("booking.manage_link_used", link.booking(), Map.of("link_id", link.id(), "action", action));
    }

    private static RoomtoneException closed(Booking booking) {
        return new RoomtoneException(
                ProblemCode.INVALID_TRANSITION,
                "Booking " + booking.code() + " is " + booking.status().json() + " and can no longer be changed here.");
    }

    /** Whether a link may still open {@code booking}: it holds its slot and its session is not over. */
    static boolean manageable(Booking booking, Instant now) {
        return booking.status().holdsItsSlot() && booking.endAt().isAfter(now);
    }

    private static CurrentUser clientOf(Booking booking) {
        return new CurrentUser(booking.clientId(), Tenancy.currentStudioId(), null, null, Role.CLIENT);
    }
}
