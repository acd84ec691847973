package io.roomtone.platform.web;

import static io.roomtone.platform.web.RateLimit.ACCOUNT_MAIL_PER_EMAIL;
import static io.roomtone.platform.web.RateLimit.ACCOUNT_MAIL_PER_IP;
import static io.roomtone.platform.web.RateLimit.BOOKING_PER_IP;
import static io.roomtone.platform.web.RateLimit.BOOKING_PER_USER;
import static io.roomtone.platform.web.RateLimit.CALENDAR_PER_IP;
import static io.roomtone.platform.web.RateLimit.CALENDAR_PER_LINK;
import static io.roomtone.platform.web.RateLimit.LOGIN_PER_EMAIL;
import static io.roomtone.platform.web.RateLimit.LOGIN_PER_IP;
import static io.roomtone.platform.web.RateLimit.MANAGE_PER_IP;
import static io.roomtone.platform.web.RateLimit.REGISTER_PER_IP;
import static io.roomtone.platform.web.RateLimit.SEARCH_PER_IP;
import static io.roomtone.platform.web.RateLimit.WEBHOOK_PER_IP;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Which routes are rate limited, and by which limits: {@link #RULES} is the list {@link
 * RateLimitFilter} works from; {@link #UNCACHED} lists the routes whose limit the module counts
 * itself, only when no cache answers (see {@link UncachedWorkLimits}). The ping is absent: load
 * balancers ping.
 */
final class RateLimitRules {

    /**
     * {@code limits} are checked in order and the first one exhausted refuses the request; the
     * narrow subject comes first, so that one abusive account or address, once refused, stops
     * using up the allowance of everyone else on its network.
     */
    record Rule(HttpMethod method, String pattern, List<RateLimit> limits) {}

    private static final List<RateLimit> BOOKING = List.of(BOOKING_PER_USER, BOOKING_PER_IP);

    private static final List<RateLimit> CALENDAR = List.of(CALENDAR_PER_LINK, CALENDAR_PER_IP);
    // the network first, as for sign-ins; separate from the sign-in buckets on purpose (see RateLimit)
    private static final List<RateLimit> ACCOUNT_MAIL = List.of(ACCOUNT_MAIL_PER_IP, ACCOUNT_MAIL_PER_EMAIL);
    /** A manage link's changes count as bookings do, and against the link pages' own allowance. */
    private static final List<RateLimit> MANAGE_CHANGE = List.of(MANAGE_PER_IP, BOOKING_PER_IP);

    static final List<Rule> RULES = List.of(
            // the address first: a guesser it has stopped no longer drains the buckets of the
            // e-mail addresses it tries (which would lock their owners out)
            new Rule(HttpMethod.POST, "/api/auth/login", List.of(LOGIN_PER_IP, LOGIN_PER_EMAIL)),
            new Rule(HttpMethod.POST, "/api/auth/register", List.of(REGISTER_PER_IP)),
            new Rule(HttpMethod.POST, "/signin", List.of(LOGIN_PER_IP, LOGIN_PER_EMAIL)),
            new Rule(HttpMethod.POST, "/signup", List.of(REGISTER_PER_IP)),
            // mails to an address: each request may send one, whoever asks
            new Rule(HttpMethod.POST, "/api/auth/password-reset", ACCOUNT_MAIL),
            new Rule(HttpMethod.POST, "/api/auth/sign-in-link", ACCOUNT_MAIL),
            new Rule(HttpMethod.POST, "/password/forgot", ACCOUNT_MAIL),
            new Rule(HttpMethod.POST, "/signin/link/request", ACCOUNT_MAIL),
            // a stolen session must not become a way to guess the account's password
            new Rule(HttpMethod.POST, "/api/auth/password", List.of(LOGIN_PER_IP, LOGIN_PER_EMAIL)),
            // the booking step signs in and creates accounts inline: both limits, as it may do either
            new Rule(HttpMethod.POST, "/book/account", List.of(LOGIN_PER_IP, REGISTER_PER_IP)),
            new Rule(HttpMethod.GET, "/book/price", BOOKING),
            new Rule(HttpMethod.POST, "/book/hold", BOOKING),
            new Rule(HttpMethod.POST, "/book/{holdId}/request", BOOKING),
            new Rule(HttpMethod.POST, "/api/quote", BOOKING),
            new Rule(HttpMethod.POST, "/api/holds", BOOKING),
            new Rule(HttpMethod.POST, "/api/bookings", BOOKING),
            new Rule(HttpMethod.POST, "/api/bookings/{id}/reschedule", BOOKING),
            new Rule(HttpMethod.POST, "/api/bookings/{id}/cancel", BOOKING),
            // calendar apps poll every 15 minutes or more; the link first, so that one runaway
            // subscription (or a guesser of tokens) does not use up its network's allowance
            new Rule(HttpMethod.GET, "/api/calendar/ics/booking/{code}.ics", CALENDAR),
            new Rule(HttpMethod.GET, "/api/calendar/ics/staff/{id}.ics", CALENDAR),
            new Rule(HttpMethod.GET, "/api/calendar/ics/room/{id}.ics", CALENDAR),
            // "manage booking" links open a booking without signing in: every page of theirs is counted
            new Rule(HttpMethod.GET, "/manage/{token}", List.of(MANAGE_PER_IP)),
            new Rule(HttpMethod.GET, "/manage/{token}/reschedule", List.of(MANAGE_PER_IP)),
            new Rule(HttpMethod.GET, "/manage/{token}/reschedule/confirm", List.of(MANAGE_PER_IP)),
            new Rule(HttpMethod.GET, "/manage/{token}/cancel", List.of(MANAGE_PER_IP)),
            new Rule(HttpMethod.POST, "/manage/{token}/reschedule", MANAGE_CHANGE),
            new Rule(HttpMethod.POST, "/manage/{token}/cancel", MANAGE_CHANGE),
            // Twilio's webhooks: counted before the signature is checked, so that forged calls cost little
            new Rule(HttpMethod.POST, "/api/webhooks/twilio/sms", List.of(WEBHOOK_PER_IP)),
            new Rule(HttpMethod.POST, "/api/webhooks/twilio/status", List.of(WEBHOOK_PER_IP)));

    /**
     * Not filtered: a search answered from the cache costs next to nothing and is not counted, so
     * the availability module counts the others through {@link io.roomtone.shared.WorkAllowance}.
     */
    static final List<Rule> UNCACHED =
            List.of(new Rule(HttpMethod.POST, "/api/availability/search", List.of(SEARCH_PER_IP)));

    private RateLimitRules() {}
}
