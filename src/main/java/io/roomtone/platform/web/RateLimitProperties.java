package io.roomtone.platform.web;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * How many requests of each kind the API accepts ({@code roomtone.rate-limits.*}, or the
 * environment variables {@code ROOMTONE_RATE_LIMITS_*}). Each limit is written
 * {@code requests/period}, e.g. {@code 10/1m}; a bucket holds that many requests and refills
 * steadily over the period, so a client that waits gets requests back bit by bit.
 *
 * @param enabled {@code false} switches rate limiting off entirely (benchmarks, or a proxy that limits)
 * @param loginPerIp sign-in attempts from one network, in one studio
 * @param loginPerEmail sign-in attempts for one e-mail address, from anywhere, in one studio
 * @param registerPerIp new client accounts from one network (a workshop on shared wifi needs some room)
 * @param bookingPerIp quotes, holds, bookings, reschedules and cancellations from one network
 * @param bookingPerUser the same, per signed-in account
 * @param searchPerIp anonymous availability searches from one network whose answer was not cached:
 *     generous, since a booking page searches on every change of date or service, yet it stops one
 *     address from keeping the engine busy with questions nobody else asks
 * @param accountMailPerEmail password reset and sign-in link mails asked for one e-mail address,
 *     from anywhere, in one studio (the answer never says whether a mail went out)
 * @param accountMailPerIp the same, from one network
 * @param operatorPerIp failed HTTP Basic sign-ins of the platform operator from one network (successful
 *     ones give their token back)
 * @param operatorPerAccount the same, per user name tried, from anywhere
 * @param calendarPerLink requests for one calendar file or feed link (its token): calendar apps
 *     poll a feed every 15 minutes or so, a person opens a file now and then
 * @param calendarPerIp calendar requests from one network, whatever the link (a guesser of tokens)
 * @param managePerIp pages and forms of "manage booking" links (opened without signing in) from one
 *     network: far more than a client clicking through needs, far too few to try tokens
 * @param webhookPerIp calls of the SMS provider's webhooks (incoming texts, status callbacks) from one
 *     network: Twilio calls from a few addresses, a status callback for every text a studio sends,
 *     so generous; it caps what forged calls (refused by signature) can cost
 */
@ConfigurationProperties("roomtone.rate-limits")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10/1m") Limit loginPerIp,
        @DefaultValue("5/1m") Limit loginPerEmail,
        @DefaultValue("30/1h") Limit registerPerIp,
        @DefaultValue("120/1m") Limit bookingPerIp,
        @DefaultValue("30/1m") Limit bookingPerUser,
        @DefaultValue("600/1m") Limit searchPerIp,
        @DefaultValue("5/1h") Limit accountMailPerEmail,
        @DefaultValue("30/1h") Limit accountMailPerIp,
        @DefaultValue("10/1m") Limit operatorPerIp,
        @DefaultValue("10/1m") Limit operatorPerAccount,
        @DefaultValue("10/1m") Limit calendarPerLink,
        @DefaultValue("120/1m") Limit calendarPerIp,
        @DefaultValue("60/1m") Limit managePerIp,
        @DefaultValue("1200/1m") Limit webhookPerIp) {

    Limit of(RateLimit limit) {
        return switch (limit) {
            case LOGIN_PER_IP -> loginPerIp;
            case LOGIN_PER_EMAIL -> loginPerEmail;
            case REGISTER_PER_IP -> registerPerIp;
            case BOOKING_PER_IP -> bookingPerIp;
            case BOOKING_PER_USER -> bookingPerUser;
            case SEARCH_PER_IP -> searchPerIp;
            case ACCOUNT_MAIL_PER_EMAIL -> accountMailPerEmail;
            case ACCOUNT_MAIL_PER_IP -> accountMailPerIp;
            case OPERATOR_PER_IP -> operatorPerIp;
            case OPERATOR_PER_ACCOUNT -> operatorPerAccount;
            case CALENDAR_PER_LINK -> calendarPerLink;
            case CALENDAR_PER_IP -> calendarPerIp;
            case MANAGE_PER_IP -> managePerIp;
            case WEBHOOK_PER_IP -> webhookPerIp;
        };
    }

    /** {@code requests} per {@code period}, refilled greedily (a token every period/requests). */
    record Limit(long requests, Duration period) {

        Limit {
            if (requests < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("A rate limit needs at least 1 request per positive period");
            }
        }

        /** Reads {@code 10/1m}, {@code 30/1h}, {@code 5/30s} (any Spring Boot duration after the slash). */
        static Limit parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException(
                        "A rate limit is written requests/period, e.g. 10/1m, not '" + text + "'");
            }
            return new Limit(
                    Long.parseLong(text.substring(0, slash).strip()),
                    DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
        }

        BucketConfiguration bucket() {
            return BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                    .build();
        }

        /**
         * Part of every bucket key: a bucket keeps the configuration it was created with, so a
         * changed limit must start new buckets rather than inherit the old ones.
         */
        String fingerprint() {
            return requests + "/" + period.toMillis() + "ms";
        }

        /** As it is written in configuration: {@code 10/1m}. */
        @Override
        public String toString() {
            long millis = period.toMillis();
            if (millis % 3_600_000 == 0) {
                return requests + "/" + millis / 3_600_000 + "h";
            }
            if (millis % 60_000 == 0) {
                return requests + "/" + millis / 60_000 + "m";
            }
            return millis % 1_000 == 0 ? requests + "/" + millis / 1_000 + "s" : requests + "/" + millis + "ms";
        }
    }

    /** Lets {@code 10/1m} be written in properties and environment variables. */
    @Component
    @ConfigurationPropertiesBinding
    static class LimitConverter implements Converter<String, Limit> {
        @Override
        public Limit convert(String source) {
            return Limit.parse(source);
        }
    }
}
