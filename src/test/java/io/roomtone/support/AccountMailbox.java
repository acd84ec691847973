package io.roomtone.support;

import io.roomtone.identity.AccountEvents;
import io.roomtone.identity.AccountLinks;
import io.roomtone.identity.Tenancy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads account mails for tests without an SMTP server: records every {@link AccountEvents} event as it is
 * published (synchronously, in the publishing transaction, so it is there when the HTTP answer is),
 * and issues the link the mail would carry exactly as a mail listener would ({@link
 * AccountLinks#issue}); an invitation's link is read from its mail.
 */
@TestComponent
public class AccountMailbox {

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final AccountLinks links;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public AccountMailbox(AccountLinks links, JdbcClient jdbc, TransactionTemplate transactions) {
        this.links = links;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @EventListener
    void record(AccountEvents.PasswordResetRequested event) {
        events.add(event);
    }

    @EventListener
    void record(AccountEvents.SignInLinkRequested event) {
        events.add(event);
    }

    @EventListener
    void record(AccountEvents.EmailConfirmationNeeded event) {
        events.add(event);
    }

    @EventListener
    void record(AccountEvents.RegistrationAttemptedForExistingAccount event) {
        events.add(event);
    }

    @EventListener
    void record(AccountEvents.StaffInvited event) {
        events.add(event);
    }

    /** Every recorded event of {@code type} for {@code email} (normalized: lower case), oldest first. */
    public <T> List<T> sent(Class<T> type, String email) {
        String address = email.strip().toLowerCase(java.util.Locale.ROOT);
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> address.equals(emailOf(event)))
                .toList();
    }

    /** The latest event of {@code type} for {@code email}; fails the test when there is none. */
    public <T> T last(Class<T> type, String email) {
        List<T> sent = sent(type, email);
        if (sent.isEmpty()) {
            throw new AssertionError("No " + type.getSimpleName() + " was published for " + email);
        }
        return sent.get(sent.size() - 1);
    }

    /** The token a confirmation mail for {@code email} would carry (issued now, as the mail would). */
    public String confirmationToken(String email) {
        var event = last(AccountEvents.EmailConfirmationNeeded.class, email);
        return issue(event.studioId(), event.userId(), AccountLinks.Purpose.EMAIL_CONFIRMATION);
    }

    /** The confirmation mail's link for {@code email}, site-relative, with its {@code next}. */
    public String confirmationLink(String email) {
        var event = last(AccountEvents.EmailConfirmationNeeded.class, email);
        String token = issue(event.studioId(), event.userId(), AccountLinks.Purpose.EMAIL_CONFIRMATION);
        return links.path(
                AccountLinks.Purpose.EMAIL_CONFIRMATION, token, event.next().orElse(null));
    }

    public String signInToken(String email) {
        var event = last(AccountEvents.SignInLinkRequested.class, email);
        return issue(event.studioId(), event.userId(), AccountLinks.Purpose.SIGN_IN_LINK);
    }

    public String signInLink(String email) {
        var event = last(AccountEvents.SignInLinkRequested.class, email);
        String token = issue(event.studioId(), event.userId(), AccountLinks.Purpose.SIGN_IN_LINK);
        return links.path(AccountLinks.Purpose.SIGN_IN_LINK, token, event.next().orElse(null));
    }

    public String resetToken(String email) {
        var event = last(AccountEvents.PasswordResetRequested.class, email);
        return issue(event.studioId(), event.userId(), AccountLinks.Purpose.PASSWORD_RESET);
    }

    /**
     * The token of the invitation mail for {@code email}, read from the mail itself (in the outbox):
     * issuing one here would end the one the mail carries.
     */
    public String invitationToken(String email) {
        var event = last(AccountEvents.StaffInvited.class, email);
        String text = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> invitationMail(event.studioId(), event.email()), java.util.Optional::isPresent)
                .orElseThrow();
        java.util.regex.Matcher token =
                java.util.regex.Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(text);
        if (!token.find()) {
            throw new AssertionError("The invitation mail to " + email + " carries no link: " + text);
        }
        return token.group(1);
    }

    private java.util.Optional<String> invitationMail(java.util.UUID studioId, String email) {
        return Tenancy.callAs(
                studioId,
                () -> transactions.execute(status -> jdbc.sql(
                                """
                        SELECT text_body FROM delivery
                         WHERE studio_id = current_studio_id() AND template = 'staff-invitation' AND recipient = ?
                           AND text_body IS NOT NULL
                         ORDER BY created_at DESC LIMIT 1
                        """)
                        .param(email)
                        .query(String.class)
                        .optional()));
    }

    private String issue(java.util.UUID studioId, java.util.UUID userId, AccountLinks.Purpose purpose) {
        return Tenancy.callAs(studioId, () -> links.issue(userId, purpose).token());
    }

    private static String emailOf(Object event) {
        if (event instanceof AccountEvents.PasswordResetRequested e) {
            return e.email();
        } else if (event instanceof AccountEvents.SignInLinkRequested e) {
            return e.email();
        } else if (event instanceof AccountEvents.EmailConfirmationNeeded e) {
            return e.email();
        } else if (event instanceof AccountEvents.RegistrationAttemptedForExistingAccount e) {
            return e.email();
        } else if (event instanceof AccountEvents.StaffInvited e) {
            return e.email();
        }
        return null;
    }
}
