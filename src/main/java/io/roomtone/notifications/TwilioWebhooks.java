package io.roomtone.notifications;

import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.SmsConsents;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Twilio tells us after the fact, on two webhooks verified by their signature
 * ({@link TwilioCallers}): a client's reply to a studio's number — STOP and its kin withdraw their
 * consent to texts, START and its kin give it again, in every studio the number's account serves —
 * and the fate of a text we sent (delivered, or failed with Twilio's error code). Twilio itself
 * blocks texts to a number that said STOP and confirms it to the client; recording it here keeps
 * the client's page truthful and stops writing texts that could never go. Anything else (other
 * replies, other statuses, unknown messages, fields no real call carries) is acknowledged and
 * ignored; nothing is written for a call that does not verify.
 */
@Service
public class TwilioWebhooks {

    public static final String SMS_PATH = "/api/webhooks/twilio/sms";
    public static final String STATUS_PATH = "/api/webhooks/twilio/status";

    /** What a call did, for the log and the tests. */
    public enum Outcome {
        OPTED_OUT,
        OPTED_IN,
        DELIVERED,
        UNDELIVERED,
        IGNORED
    }

    /** Twilio's standard opt-out and opt-in keywords (the whole message, any case). */
    static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

    static final Set<String> START = Set.of("START", "UNSTOP", "YES");

    /** Errors after which sending the text again cannot help: opted out, not a mobile number. */
    static final Map<String, String> PERMANENT = Map.of(
            "21610", "the number replied STOP to this sender",
            "21211", "not a valid phone number",
            "21614", "not a mobile number",
            "30006", "a landline or unreachable carrier");

    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern ERROR_CODE = Pattern.compile("[0-9]{1,10}");
    /** Longer than any keyword: the rest of a reply is not read. */
    private static final int KEYWORD_MAX = 20;

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

    private final TwilioCallers callers;
    private final SmsConsents consents;
    private final ProviderReports reports;
    private final TransactionTemplate transactions;

    TwilioWebhooks(
            TwilioCallers callers,
            SmsConsents consents,
            ProviderReports reports,
            PlatformTransactionManager transactionManager) {
        this.callers = callers;
        this.consents = consents;
        this.reports = reports;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Where a studio's texts ask Twilio to report their fate: the studio rides along, signed with the URL. */
    static String statusPath(UUID studio) {
        return STATUS_PATH + "?studio=" + studio;
    }

    /**
     * A message to one of our numbers ({@code url}: the address Twilio called, {@code form}: its
     * fields). A 403 when no account of ours signed it.
     */
    public Outcome inbound(String url, Map<String, String> form, String signature) {
        TwilioCallers.Caller caller = verified(url, form, signature, ourSide(form, "To"));
        Optional<Boolean> optIn = consent(form);
        String from = PhoneNumbers.normalize(text(form, "From", 40));
        if (optIn.isEmpty() || !PhoneNumbers.dialable(from)) {
            return Outcome.IGNORED;
        }
        String actor = "Twilio (a text " + (optIn.get() ? "START" : "STOP") + " from …" + PhoneNumbers.hint(from) + ")";
        int changed = 0;
        for (UUID studio : caller.studios()) {
            changed += Tenancy.callAs(studio, () -> consents.setByText(from, optIn.get(), actor))
                    .size();
        }
        log.info(
                "Twilio: a text {} from …{} to {} account changed {} account(s)",
                optIn.get() ? "opting in" : "opting out",
                PhoneNumbers.hint(from),
                caller.own() ? "a studio's own" : "the installation's",
                changed);
        return optIn.get() ? Outcome.OPTED_IN : Outcome.OPTED_OUT;
    }

    /**
     * Twilio's report on a text we sent, matched by its message SID; {@code studio} is the one named
     * in the callback's address (signed with it), if any. A 403 when no account of ours signed it.
     */
    public Outcome status(String url, Map<String, String> form, String signature, UUID studio) {
        TwilioCallers.Caller caller = verified(url, form, signature, ourSide(form, "From"));
        String sid = text(form, "MessageSid", 64);
        if (sid == null) {
            sid = text(form, "SmsSid", 64);
        }
        String status = text(form, "MessageStatus", 20);
        if (status == null) {
            status = text(form, "SmsStatus", 20);
        }
        if (sid == null || !SID.matcher(sid).matches() || status == null) {
            return Outcome.IGNORED;
        }
        List<UUID> studios = studio == null
                ? caller.studios()
                : caller.studios().stream().filter(studio::equals).toList();
        String messageSid = sid;
        switch (status.toLowerCase(Locale.ROOT)) {
            case "delivered" -> {
                int found = each(studios, () -> reports.delivered(messageSid));
                return found > 0 ? Outcome.DELIVERED : Outcome.IGNORED;
            }
            case "failed", "undelivered" -> {
                String code = text(form, "ErrorCode", 10);
                code = code != null && ERROR_CODE.matcher(code).matches() ? code : null;
                boolean permanent = code != null && PERMANENT.containsKey(code);
                String error = error(status.toLowerCase(Locale.ROOT), code, permanent);
                int found = each(studios, () -> reports.undelivered(messageSid, error, permanent));
                return found > 0 ? Outcome.UNDELIVERED : Outcome.IGNORED;
            }
            default -> {
                return Outcome.IGNORED; // queued, sending, sent, accepted, read…: nothing to record
            }
        }
    }

    private TwilioCallers.Caller verified(String url, Map<String, String> form, String signature, List<String> ours) {
        return callers.verify(url, form, signature, ours)
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.FORBIDDEN,
                        "The X-Twilio-Signature is missing or does not verify with the auth token of the account"
                                + " the call is about."));
    }

    /** Runs {@code work} for each studio in a transaction of its own; the sum of what it counted. */
    private int each(List<UUID> studios, java.util.function.IntSupplier work) {
        int total = 0;
        for (UUID studio : studios) {
            total += Tenancy.callAs(studio, () -> transactions.execute(tx -> work.getAsInt()));
        }
        return total;
    }

    /** What the reply asks for: out, in, or nothing (any other text, or help). */
    static Optional<Boolean> consent(Map<String, String> form) {
        // with Advanced Opt-Out Twilio says which keyword it matched, in the studio's own languages too
        String type = text(form, "OptOutType", KEYWORD_MAX);
        if (type != null) {
            String kind = type.strip().toUpperCase(Locale.ROOT);
            if (kind.equals("STOP")) {
                return Optional.of(false);
            }
            if (kind.equals("START")) {
                return Optional.of(true);
            }
        }
        String body = text(form, "Body", 1000);
        if (body == null || body.strip().length() > KEYWORD_MAX) {
            return Optional.empty();
        }
        String word = body.strip().toUpperCase(Locale.ROOT);
        if (STOP.contains(word)) {
            return Optional.of(false);
        }
        return START.contains(word) ? Optional.of(true) : Optional.empty();
    }

    private static String error(String status, String code, boolean permanent) {
        StringBuilder text = new StringBuilder("Twilio reported the text ").append(status);
        if (code != null) {
            text.append(" (error ").append(code);
            if (permanent) {
                text.append(": ").append(PERMANENT.get(code));
            }
            text.append(")");
        }
        text.append(
                permanent
                        ? "; permanent: sending it again cannot help."
                        : "; it is sent again later, as after any failed attempt.");
        if (code != null) {
            text.append(" See https://www.twilio.com/docs/api/errors/").append(code);
        }
        return text.toString();
    }

    /** The numbers or messaging service on the studio's side of the message. */
    private static List<String> ourSide(Map<String, String> form, String numberField) {
        return java.util.stream.Stream.of(text(form, numberField, 40), text(form, "MessagingServiceSid", 40))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** A field no longer than {@code max} (nothing Twilio sends is longer), else none. */
    private static String text(Map<String, String> form, String field, int max) {
        String value = form.get(field);
        return value == null || value.isBlank() || value.length() > max ? null : value;
    }
}
