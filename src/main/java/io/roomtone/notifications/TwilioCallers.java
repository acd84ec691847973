package io.roomtone.notifications;

import com.twilio.security.RequestValidator;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who is calling Twilio's webhooks, and for which studios: a call is Twilio's only when its
 * {@code X-Twilio-Signature} verifies with the auth token of the account it is about (Twilio's
 * {@link RequestValidator}: HMAC-SHA1 of the URL it called and the form's fields). A studio that
 * stored an account of its own with the call's {@code AccountSid} is asked first — only studios
 * whose token verifies the call count, so a studio that typed another's Account SID without its
 * token is never reached — and among those the studios sending from the call's number or
 * messaging service; otherwise the installation's account, which serves every studio without one of
 * its own. Every studio's own account is read from the per-node cache ({@link PerStudio}).
 */
@Component
class TwilioCallers {

    /** Longer than any signature Twilio sends (28 characters of base64): not worth an HMAC. */
    private static final int MAX_SIGNATURE = 100;

    /**
     * The studios a verified call concerns.
     *
     * @param own whether it came to studios' own account (else the installation's)
     */
    record Caller(List<UUID> studios, boolean own) {}

    private final StudioSmsAccount accounts;
    private final TwilioProperties twilio;
    private final Studios studios;

    TwilioCallers(StudioSmsAccount accounts, TwilioProperties twilio, Studios studios) {
        this.accounts = accounts;
        this.twilio = twilio;
        this.studios = studios;
    }

    /**
     * The studios of the account that signed the call, narrowed to those whose sender is
     * {@code ourSide} (the number or messaging service on the studio's side of the message) when
     * any is; empty when no account of this installation signed it.
     */
    Optional<Caller> verify(String url, Map<String, String> form, String signature, List<String> ourSide) {
        if (signature == null || signature.isBlank() || signature.length() > MAX_SIGNATURE) {
            return Optional.empty();
        }
        String accountSid = form.get("AccountSid");
        List<UUID> withoutOwn = new ArrayList<>();
        List<UUID> signedByOwn = new ArrayList<>();
        List<UUID> sendingFromOurSide = new ArrayList<>();
        // one HMAC per distinct token: studios sharing an account share its token
        Map<String, Boolean> verdicts = new HashMap<>();
        for (Studio studio : studios.all()) {
            Optional<StudioSmsAccount.Account> own = accounts.account(studio.id());
            if (own.isEmpty()) {
                withoutOwn.add(studio.id());
                continue;
            }
            StudioSmsAccount.Account account = own.get();
            if (account.authToken() == null || !account.accountSid().equals(accountSid)) {
                continue;
            }
            if (verdicts.computeIfAbsent(account.authToken(), token -> valid(token, url, form, signature))) {
                signedByOwn.add(studio.id());
                if (ourSide.contains(account.sender())) {
                    sendingFromOurSide.add(studio.id());
                }
            }
        }
        if (!signedByOwn.isEmpty()) {
            return Optional.of(new Caller(sendingFromOurSide.isEmpty() ? signedByOwn : sendingFromOurSide, true));
        }
        if (twilio.configured() && valid(twilio.authToken(), url, form, signature)) {
            return Optional.of(new Caller(withoutOwn, false));
        }
        return Optional.empty();
    }

    private static boolean valid(String token, String url, Map<String, String> form, String signature) {
        try {
            return new RequestValidator(token).validate(url, form, signature);
        } catch (RuntimeException e) {
            return false; // a URL the validator cannot parse (to try it with and without the port)
        }
    }
}
