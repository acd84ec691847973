package io.roomtone.platform.web;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.PageSignIn;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
 * account and the studio) and after {@link IdempotencyFilter}, so that a replay answered from the
 * idempotency store spends no token; a refused request writes nothing (its key is released, see
 * {@link IdempotencyFilter}), and a retry with the same Idempotency-Key later does the work.
 *
 * <p>Buckets are per studio: one studio's busy evening never uses up another's allowance.
 */
@Component
@ConditionalOnBooleanProperty(name = "roomtone.rate-limits.enabled", matchIfMissing = true)
@Order(Ordered.LOWEST_PRECEDENCE - 5)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private record Route(RequestMatcher matcher, List<RateLimit> limits) {}

    private static final RequestMatcher SIGN_IN_PAGE =
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/signin");

    private final List<Route> routes = RateLimitRules.RULES.stream()
            .map(rule -> new Route(PathPatternRequestMatcher.pathPattern(rule.method(), rule.pattern()), rule.limits()))
            .toList();
    private final RateLimiter limiter;
    private final Problems problems;
    private final JsonMapper json;

    RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, Problems problems, JsonMapper json) {
        this.limiter = limiter;
        this.problems = problems;
        this.json = json;
        // operators (and the benchmark's log) should see which limits a node enforces
        log.info(
                "Rate limits on: sign-in {} per address and {} per e-mail, registration {} per address, "
                        + "booking {} per account and {} per address, uncached anonymous searches {} per address, "
                        + "failed operator sign-ins {} per address and {} per account, "
                        + "calendar links {} per link and {} per address, "
                        + "manage-booking links {} per address, SMS webhooks {} per address",
                properties.loginPerIp(),
                properties.loginPerEmail(),
                properties.registerPerIp(),
                properties.bookingPerUser(),
                properties.bookingPerIp(),
                properties.searchPerIp(),
                properties.operatorPerIp(),
                properties.operatorPerAccount(),
                properties.calendarPerLink(),
                properties.calendarPerIp(),
                properties.managePerIp(),
                properties.webhookPerIp());
    }

    /** Only the rules' routes: every POST that changes something, and the few GETs with a limit (calendar links). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) && limitsOf(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (RateLimit limit : limitsOf(request)) {
            Optional<String> subject = subjectOf(limit, request);
            if (subject.isEmpty()) {
                continue;
            }
            Optional<RoomtoneException> refusal = limiter.take(limit, subject.get());
            if (refusal.isPresent()) {
                refuse(request, response, refusal.get());
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
            case USER -> RateLimiter.currentUser().map(user -> user.id().toString());
            // only a digest: the table must not become a list of the addresses people sign in with
            case EMAIL -> emailOf(request).map(Secrets::sha256);
            case OPERATOR -> Optional.empty(); // counted by OperatorSignInLimitFilter, before authentication
            // a digest, as for e-mail addresses: the bucket table must not hold working links
            case LINK_TOKEN ->
                Optional.ofNullable(request.getParameter("token"))
                        .filter(token -> !token.isBlank())
                        .map(Secrets::sha256);
        };
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RoomtoneException refusal)
            throws IOException, ServletException {
        RateLimiter.retryAfterSeconds(refusal)
                .ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        if (SIGN_IN_PAGE.matches(request) && Pages.wanted(request)) {
            // the sign-in page says so in the page, and offers the way in by mail (SignInPage)
            request.setAttribute(PageSignIn.LIMIT_REFUSAL, refusal.getMessage());
            request.getRequestDispatcher(PageSignIn.LIMITED_PATH).forward(request, response);
            return;
        }
        if (Pages.wanted(request)) {
            // a browser asking for a page (signing up, the booking form) gets the error page, which
            // says what the limit said (ErrorPageController)
            response.sendError(refusal.code().status(), refusal.getMessage());
            return;
        }
        problems.write(request, response, refusal);
    }

    /**
     * The e-mail address a sign-in (or a mail request) names, normalized as accounts store it; none
     * if the body has none. Pages post forms, which the container parses (see {@link BodyLimitFilter}).
     */
    private Optional<String> emailOf(HttpServletRequest request) {
        byte[] body = BodyLimitFilter.bufferedBody(request);
        if (body.length == 0) {
            String email = request.getParameter("email");
            return email == null || email.isBlank() ? Optional.empty() : Optional.of(Accounts.normalizeEmail(email));
        }
        try {
            JsonNode email = json.readTree(body).path("email");
            if (email.isString() && !email.asString().isBlank()) {
                return Optional.of(Accounts.normalizeEmail(email.asString()));
            }
            // a password change counts against the signed-in account's address
            return RateLimiter.currentUser().map(user -> user.email()).map(Accounts::normalizeEmail);
        } catch (JacksonException e) {
            return Optional.empty(); // the controller answers malformed JSON
        }
    }
}
