package io.roomtone.platform.web;

import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits guesses of the platform operator's password (HTTP Basic on {@code /api/platform/**} and
 * {@code /actuator/**}) per network and per user name tried. It runs before Spring Security, which
 * refuses wrong credentials without reaching {@link RateLimitFilter}: every Basic request takes a
 * token of both limits first, so that a burst is cut at the limit however many arrive at once, and
 * a request that was not refused as unauthenticated gives its tokens back: the operator's own
 * scripts are not slowed, only failures count.
 */
@Component
@ConditionalOnBooleanProperty(name = "roomtone.rate-limits.enabled", matchIfMissing = true)
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class OperatorSignInLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final Problems problems;

    OperatorSignInLimitFilter(RateLimiter limiter, Problems problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String network = ClientNetwork.of(request.getRemoteAddr());
        String account = Secrets.sha256(userName(request.getHeader(HttpHeaders.AUTHORIZATION)));
        List<Taken> taken = new java.util.ArrayList<>();
        for (Taken limit : List.of(
                new Taken(RateLimit.OPERATOR_PER_IP, network), new Taken(RateLimit.OPERATOR_PER_ACCOUNT, account))) {
            Optional<RoomtoneException> refusal = limiter.take(limit.limit(), limit.subject());
            if (refusal.isPresent()) {
                RateLimiter.retryAfterSeconds(refusal.get())
                        .ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
                problems.write(request, response, refusal.get());
                return;
            }
            taken.add(limit);
        }
        chain.doFilter(request, response);
        if (response.getStatus() != HttpServletResponse.SC_UNAUTHORIZED) {
            taken.forEach(t -> limiter.giveBack(t.limit(), t.subject()));
        }
    }

    private record Taken(RateLimit limit, String subject) {}

    /** The user name of Basic credentials as sent (case-sensitive, as they are compared); "" when unreadable. */
    private static String userName(String authorization) {
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
