package io.roomtone.platform.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Takes tokens for one {@link RateLimit} and one subject, and words the refusal: what {@link
 * RateLimitFilter} (limits per route) and {@link UncachedWorkLimits} (limits on work no cache
 * answers) share.
 */
@Component
@ConditionalOnBooleanProperty(name = "roomtone.rate-limits.enabled", matchIfMissing = true)
class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** The problem property that carries the wait, and sets {@code Retry-After}. */
    static final String RETRY_AFTER_SECONDS = "retry_after_seconds";

    /** Where a client whose address's sign-in limit is used up asks for a sign-in link instead. */
    static final String SIGN_IN_LINK_ROUTE = "/api/auth/sign-in-link";

    private final TokenBuckets buckets;
    private final RateLimitProperties properties;

    RateLimiter(TokenBuckets buckets, RateLimitProperties properties) {
        this.buckets = buckets;
        this.properties = properties;
    }

    /** Takes a token of {@code limit} for {@code subject} in the current studio; the refusal when none is left. */
    Optional<RoomtoneException> take(RateLimit limit, String subject) {
        RateLimitProperties.Limit configured = properties.of(limit);
        String key = key(limit, configured, subject);
        try {
            return buckets.take(key, configured).map(wait -> refusal(limit, wait));
        } catch (RuntimeException e) {
            // a limit protects the service; it must not take the booking flow down with it
            log.warn("Rate limit {} could not be checked; letting the request through", limit.code(), e);
            return Optional.empty();
        }
    }

    /** Gives back the token {@link #take} took, for a request that turned out not to count. */
    void giveBack(RateLimit limit, String subject) {
        RateLimitProperties.Limit configured = properties.of(limit);
        try {
            buckets.giveBack(key(limit, configured, subject), configured);
        } catch (RuntimeException e) {
            log.warn("Rate limit {} could not give a token back", limit.code(), e);
        }
    }

    private static String key(RateLimit limit, RateLimitProperties.Limit configured, String subject) {
        String studio = Tenancy.studioId().map(Object::toString).orElse("-");
        return String.join(":", limit.code(), configured.fingerprint(), studio, subject);
    }

    private static RoomtoneException refusal(RateLimit limit, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String detail = limit.refusal() + "; try again in " + seconds + (seconds == 1 ? " second." : " seconds.");
        if (limit == RateLimit.LOGIN_PER_EMAIL) {
            // someone else's guesses may have used up the address's limit: its owner is not stuck
            return new RoomtoneException(
                    ProblemCode.RATE_LIMITED,
                    detail + " Or get in now with a sign-in link mailed to the address.",
                    List.of(),
                    Map.of("limit", limit.code(), RETRY_AFTER_SECONDS, seconds, "sign_in_link", SIGN_IN_LINK_ROUTE));
        }
        return new RoomtoneException(
                ProblemCode.RATE_LIMITED,
                detail,
                List.of(),
                Map.of("limit", limit.code(), RETRY_AFTER_SECONDS, seconds));
    }

    /** The seconds a refusal asks the client to wait, if it is one. */
    static Optional<Long> retryAfterSeconds(RoomtoneException e) {
        return e.properties().get(RETRY_AFTER_SECONDS) instanceof Long seconds
                ? Optional.of(seconds)
                : Optional.empty();
    }

    static Optional<CurrentUser> currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                ? Optional.of(user)
                : Optional.empty();
    }
}
