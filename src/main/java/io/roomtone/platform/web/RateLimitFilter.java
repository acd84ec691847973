package io.roomtone.platform.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies {@link RateLimitRules}: a request over a limit is refused with 429 {@code rate_limited},
 * naming the limit, with {@code Retry-After} in seconds. It runs after authentication (it needs the
 * account and the studio) and before idempotency keys and controllers, so a refused request writes
 * nothing; a retry with the same Idempotency-Key later does the work.
 *
 * <p>Buckets are per studio: one studio's busy evening never uses up another's allowance.
 */
@Component
@ConditionalOnBooleanProperty(name = "roomtone.rate-limits.enabled", matchIfMissing = true)
@Order(Ordered.LOWEST_PRECEDENCE - 20)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private record Route(RequestMatcher matcher, List<RateLimit> limits) {}

    private final List<Route> routes = RateLimitRules.RULES.stream()
            .map(rule -> new Route(PathPatternRequestMatcher.pathPattern(rule.method(), rule.pattern()), rule.limits()))
            .toList();
    private final TokenBuckets buckets;
    private final RateLimitProperties properties;
    private final Problems problems;
    private final JsonMapper json;

    RateLimitFilter(TokenBuckets buckets, RateLimitProperties properties, Problems problems, JsonMapper json) {
        this.buckets = buckets;
        this.properties = properties;
        this.problems = problems;
        this.json = json;
        // operators (and the benchmark's log) should see which limits a node enforces
        log.info(
                "Rate limits on: sign-in {} per address and {} per e-mail, registration {} per address, "
                        + "booking {} per account and {} per address",
                properties.loginPerIp(),
                properties.loginPerEmail(),
                properties.registerPerIp(),
                properties.bookingPerUser(),
                properties.bookingPerIp());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (RateLimit limit : limitsOf(request)) {
            Optional<String> subject = subjectOf(limit, request);
            if (subject.isEmpty()) {
                continue;
            }
            Optional<Duration> wait = take(limit, subject.get());
            if (wait.isPresent()) {
                refuse(request, response, limit, wait.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private List<RateLimit> limitsOf(HttpServletRequest request) {
        for (Route route : routes) {
            if (route.matcher().matches(request)) {
                return route.limits();
            }
        }
        return List.of();
    }

    private Optional<String> subjectOf(RateLimit limit, HttpServletRequest request) {
        return switch (limit.subject()) {
            case NETWORK -> Optional.of(ClientNetwork.of(request.getRemoteAddr()));
            case USER -> currentUser().map(user -> user.id().toString());
            // only a digest: the table must not become a list of the addresses people sign in with
            case EMAIL -> emailOf(request).map(Secrets::sha256);
        };
    }

    private Optional<Duration> take(RateLimit limit, String subject) {
        RateLimitProperties.Limit configured = properties.of(limit);
        String studio = Tenancy.studioId().map(Object::toString).orElse("-");
        String key = String.join(":", limit.code(), configured.fingerprint(), studio, subject);
        try {
            return buckets.take(key, configured);
        } catch (RuntimeException e) {
            // a limit protects the service; it must not take the booking flow down with it
            log.warn("Rate limit {} could not be checked; letting the request through", limit.code(), e);
            return Optional.empty();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RateLimit limit, Duration wait)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(
                request,
                response,
                new RoomtoneException(
                        ProblemCode.RATE_LIMITED,
                        limit.refusal() + "; try again in " + seconds + (seconds == 1 ? " second." : " seconds."),
                        List.of(),
                        Map.of("limit", limit.code(), "retry_after_seconds", seconds)));
    }

    private static Optional<CurrentUser> currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                ? Optional.of(user)
                : Optional.empty();
    }

    /** The e-mail address a sign-in tries, normalized as accounts store it; none if the body has none. */
    private Optional<String> emailOf(HttpServletRequest request) {
        byte[] body = BodyLimitFilter.bufferedBody(request);
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode email = json.readTree(body).path("email");
            return email.isString() && !email.asString().isBlank()
                    ? Optional.of(email.asString().strip().toLowerCase(Locale.ROOT))
                    : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty(); // the controller answers malformed JSON
        }
    }
}
