package io.roomtone.notifications;

import io.roomtone.identity.AccountEvents.EmailConfirmationNeeded;
import io.roomtone.identity.AccountEvents.PasswordResetRequested;
import io.roomtone.identity.AccountEvents.RegistrationAttemptedForExistingAccount;
import io.roomtone.identity.AccountEvents.SignInLinkRequested;
import io.roomtone.identity.AccountEvents.StaffInvited;
import io.roomtone.identity.AccountLinks;
import io.roomtone.identity.Invitation;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Team;
import io.roomtone.identity.Tenancy;
import io.roomtone.invoicing.InvoiceSettings;
import io.roomtone.shared.PublicAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The mails of accounts: a password reset, a sign-in link, an address to confirm, "someone tried to
 * register with your address", an invitation to the team. The link secret is issued here, as the
 * mail is written (never carried by the event), and the mail is marked sensitive: its text is erased
 * once sent.
 *
 * <p>Events carry no id of their own; a request's mail is keyed on the account and the
 * {@link #WINDOW} it was handled in, so a redelivered event writes nothing new and a second request a
 * minute later is answered by the first mail (still on its way, or in the inbox).
 */
@Component
class AccountMails {

    static final long WINDOW = 300;

    private final AccountLinks links;
    private final Team team;
    private final Mailroom mailroom;
    private final Studios studios;
    private final InvoiceSettings invoiceSettings;
    private final PublicAddress publicAddress;
    private final Clock clock;

    AccountMails(
            AccountLinks links,
            Team team,
            Mailroom mailroom,
            Studios studios,
            InvoiceSettings invoiceSettings,
            PublicAddress publicAddress,
            Clock clock) {
        this.links = links;
        this.team = team;
        this.mailroom = mailroom;
        this.studios = studios;
        this.invoiceSettings = invoiceSettings;
        this.publicAddress = publicAddress;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(PasswordResetRequested requested) {
        link(
                requested.studioId(),
                requested.userId(),
                requested.email(),
                "account-password-reset",
                AccountLinks.Purpose.PASSWORD_RESET,
                null);
    }

    @ApplicationModuleListener
    void on(SignInLinkRequested requested) {
        link(
                requested.studioId(),
                requested.userId(),
                requested.email(),
                "account-sign-in-link",
                AccountLinks.Purpose.SIGN_IN_LINK,
                requested.next().orElse(null));
    }

    @ApplicationModuleListener
    void on(EmailConfirmationNeeded needed) {
        link(
                needed.studioId(),
                needed.userId(),
                needed.email(),
                "account-confirm-email",
                AccountLinks.Purpose.EMAIL_CONFIRMATION,
                needed.next().orElse(null));
    }

    @ApplicationModuleListener
    void on(RegistrationAttemptedForExistingAccount attempted) {
        Tenancy.runAs(attempted.studioId(), () -> {
            Map<String, Object> variables = studioVariables();
            variables.put("signInUrl", publicAddress.of("/signin"));
            variables.put("resetUrl", publicAddress.of("/password/forgot"));
            post(key("account.existing", attempted.userId()), attempted.email(), "account-existing", variables, false);
        });
    }

    @ApplicationModuleListener
    void on(StaffInvited invited) {
        Tenancy.runAs(invited.studioId(), () -> {
            String key = "account.invited:" + invited.userId() + ":"
                    + invited.role().json() + ":" + clock.instant().getEpochSecond() / WINDOW;
            mailroom.post(key, "staff-invitation", invited.email(), () -> {
                Map<String, Object> variables = studioVariables();
                variables.put("role", invited.role().json());
                if (invited.needsPassword()) {
                    Invitation invitation = team.issueInvitationLink(invited.userId());
                    variables.put("url", publicAddress.of(Team.invitationPath(invitation.token())));
                    variables.put(
                            "expires",
                            BookingFacts.moment(
                                    invitation.expiresAt(), studios.current().timezone()));
                } else {
                    variables.put("url", publicAddress.of("/signin"));
                }
                return letter(key, invited.email(), "staff-invitation", variables, invited.needsPassword());
            });
        });
    }

    private void link(
            UUID studioId, UUID userId, String email, String template, AccountLinks.Purpose purpose, String next) {
        Tenancy.runAs(studioId, () -> {
            String key = key(template, userId);
            mailroom.post(key, template, email, () -> {
                AccountLinks.Link link = links.issue(userId, purpose);
                Map<String, Object> variables = studioVariables();
                variables.put("url", publicAddress.of(links.path(purpose, link.token(), next)));
                variables.put(
                        "expires",
                        BookingFacts.moment(link.expiresAt(), studios.current().timezone()));
                return letter(key, email, template, variables, true);
            });
        });
    }

    private void post(String key, String email, String template, Map<String, Object> variables, boolean secret) {
        mailroom.post(key, template, email, () -> letter(key, email, template, variables, secret));
    }

    private Mailroom.Letter letter(
            String key, String email, String template, Map<String, Object> variables, boolean secret) {
        Mailroom.Letter letter = Mailroom.Letter.of(key, email, template, null)
                .with(variables, studios.current().name());
        return secret ? letter.secret() : letter;
    }

    private String key(String kind, UUID userId) {
        Instant now = clock.instant();
        return kind + ":" + userId + ":" + now.getEpochSecond() / WINDOW;
    }

    private Map<String, Object> studioVariables() {
        Studio studio = studios.current();
        Map<String, Object> variables = new HashMap<>();
        variables.put("studio", studio);
        variables.put("address", invoiceSettings.current().address());
        return variables;
    }
}
