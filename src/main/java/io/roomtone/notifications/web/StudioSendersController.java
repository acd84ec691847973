package io.roomtone.notifications.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.notifications.StudioMailServer;
import io.roomtone.notifications.StudioSenders;
import io.roomtone.notifications.StudioSmsAccount;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Integrations (admin)", description = "Which outside services are on")
@RestController
@RequestMapping("/api/admin/integrations")
class StudioSendersController {

    /**
     * The studio's mail set-up as its owner and admins see it: never the password.
     *
     * @param source {@code studio} (its own server), {@code installation} (the environment's) or {@code none}
     * @param storable whether the studio may store a server of its own here; {@code why_not} says why not
     */
    record MailSetup(
            String source,
            String host,
            Integer port,
            String security,
            String username,
            @JsonProperty("password_hint") String passwordHint,
            @JsonProperty("from_address") String fromAddress,
            @JsonProperty("updated_at") Instant updatedAt,
            boolean storable,
            @JsonProperty("why_not") String whyNot) {}

    record MailBody(
            @Schema(example = "smtp.example.com", maxLength = 253) String host,
            @Schema(type = "integer", minimum = "1", maximum = "65535", example = "587") JsonNode port,
            @Schema(allowableValues = {"starttls", "ssl", "none"}) String security,
            @Schema(description = "Leave out for a server that takes mail without signing in", maxLength = 254)
                    String username,
            @Schema(
                            description = "Required with a username; left out, the stored password is kept (same"
                                    + " username)",
                            maxLength = 512)
                    String password,
            @JsonProperty("from_address") @Schema(example = "bookings@example.com", maxLength = 254)
                    String fromAddress) {}

    /**
     * The studio's SMS set-up: never the auth token.
     *
     * @param source {@code studio} (its own Twilio account), {@code installation} or {@code none}
     */
    record SmsSetup(
            String source,
            @JsonProperty("account_sid") String accountSid,
            @JsonProperty("auth_token_hint") String authTokenHint,
            String sender,
            @JsonProperty("updated_at") Instant updatedAt,
            boolean storable,
            @JsonProperty("why_not") String whyNot) {}

    record SmsBody(
            @JsonProperty("account_sid") @Schema(pattern = "^AC[0-9a-f]{32}$") String accountSid,
            @JsonProperty("auth_token")
                    @Schema(description = "Left out, the stored token is kept (same account SID)", maxLength = 128)
                    String authToken,
            @Schema(
                            description = "A phone number in E.164 form or a messaging service SID",
                            pattern = "^(\\+[1-9][0-9]{7,14}|MG[0-9a-f]{32})$")
                    String sender) {}

    private final StudioMailServer mail;
    private final StudioSmsAccount sms;
    private final StudioSenders senders;

    StudioSendersController(StudioMailServer mail, StudioSmsAccount sms, StudioSenders senders) {
        this.mail = mail;
        this.sms = sms;
        this.senders = senders;
    }

    @Operation(
            summary = "The studio's mail server",
            description = "Which SMTP server the studio's e-mail goes through (`studio`: its own, `installation`: "
                    + "the environment's `SPRING_MAIL_*`, `none`), and its own server's settings with the password's "
                    + "last four characters; the password is never returned.")
    @GetMapping("/mail")
    MailSetup mail() {
        return mailSetup();
    }

    @Operation(
            summary = "Store the studio's own mail server",
            description = "Owner only (403 otherwise). Needs `ROOMTONE_ENCRYPTION_KEY` (409 otherwise): the password "
                    + "is stored encrypted (AES-256-GCM). 400 naming each field that is wrong (a host name, a port "
                    + "from 1 to 65535, `starttls`/`ssl`/`none`, an e-mail address); nothing is stored then. The "
                    + "studio's e-mail goes through it from then on (other nodes within a minute).")
    @PutMapping("/mail")
    MailSetup saveMail(@RequestBody MailBody body, @AuthenticationPrincipal CurrentUser user) {
        mail.save(
                new StudioMailServer.Settings(
                        body.host(),
                        body.port() == null || body.port().isNull()
                                ? null
                                : body.port().asString(),
                        body.security(),
                        body.username(),
                        body.password(),
                        body.fromAddress()),
                user);
        return mailSetup();
    }

    @Operation(
            summary = "Remove the studio's own mail server",
            description = "Owner only. The studio's e-mail goes through the installation's server again, if any. "
                    + "204, or 404 when there was none.")
    @DeleteMapping("/mail")
    ResponseEntity<Void> removeMail(@AuthenticationPrincipal CurrentUser user) {
        if (!mail.remove(user)) {
            throw RoomtoneException.notFound("mail server of the studio", Tenancy.currentStudioId());
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "The studio's SMS account",
            description = "Which Twilio account the studio's texts go through (`studio`: its own, `installation`: "
                    + "the environment's `ROOMTONE_TWILIO_*`, `none`), and its own account with the auth token's "
                    + "last four characters; the token is never returned.")
    @GetMapping("/sms")
    SmsSetup sms() {
        return smsSetup();
    }

    @Operation(
            summary = "Store the studio's own SMS account",
            description = "Owner only (403 otherwise). Needs `ROOMTONE_ENCRYPTION_KEY` (409 otherwise): the auth "
                    + "token is stored encrypted (AES-256-GCM). 400 naming each field that is wrong (`AC…` account "
                    + "SID, an E.164 number or an `MG…` messaging service); nothing is stored then.")
    @PutMapping("/sms")
    SmsSetup saveSms(@RequestBody SmsBody body, @AuthenticationPrincipal CurrentUser user) {
        sms.save(new StudioSmsAccount.Settings(body.accountSid(), body.authToken(), body.sender()), user);
        return smsSetup();
    }

    @Operation(
            summary = "Remove the studio's own SMS account",
            description = "Owner only. The studio's texts go through the installation's account again, if any. "
                    + "204, or 404 when there was none.")
    @DeleteMapping("/sms")
    ResponseEntity<Void> removeSms(@AuthenticationPrincipal CurrentUser user) {
        if (!sms.remove(user)) {
            throw RoomtoneException.notFound("SMS account of the studio", Tenancy.currentStudioId());
        }
        return ResponseEntity.noContent().build();
    }

    private MailSetup mailSetup() {
        var own = mail.shown();
        return new MailSetup(
                senders.mail().json(),
                own.map(StudioMailServer.Shown::host).orElse(null),
                own.map(StudioMailServer.Shown::port).orElse(null),
                own.map(StudioMailServer.Shown::security).orElse(null),
                own.map(StudioMailServer.Shown::username).orElse(null),
                own.map(StudioMailServer.Shown::passwordHint).orElse(null),
                own.map(StudioMailServer.Shown::fromAddress).orElse(null),
                own.map(StudioMailServer.Shown::updatedAt).orElse(null),
                mail.storable(),
                mail.whyNotStorable());
    }

    private SmsSetup smsSetup() {
        var own = sms.shown();
        return new SmsSetup(
                senders.sms().json(),
                own.map(StudioSmsAccount.Shown::accountSid).orElse(null),
                own.map(StudioSmsAccount.Shown::authTokenHint).orElse(null),
                own.map(StudioSmsAccount.Shown::sender).orElse(null),
                own.map(StudioSmsAccount.Shown::updatedAt).orElse(null),
                sms.storable(),
                sms.whyNotStorable());
    }
}
