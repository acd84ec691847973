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
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on mutations: the first request with a key does the work and its response
 * is stored in PostgreSQL (so any node, after any restart, can answer); a retry with the same key
 * and body gets that response again without the work being repeated; the same key with another
 * body is refused with 422 {@code idempotency_conflict}. Runs after authentication, so keys are
 * scoped to the caller and their studio, and before {@link RateLimitFilter}, so that a replay spends
 * no rate-limit token.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private record Stored(String requestHash, String status, Integer responseStatus, String contentType, byte[] body) {}

    private final JdbcClient jdbc;
    private final Problems problems;

    IdempotencyFilter(JdbcClient jdbc, Problems problems) {
        this.jdbc = jdbc;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MUTATIONS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER).strip();
        if (given.isEmpty() || given.length() > 255) {
            problems.write(request, response, RoomtoneException.invalid(HEADER, "must be 1 to 255 characters"));
            return;
        }
        String scope = scope();
        // Only a digest of the key is stored; the key itself seals the stored response.
        String secret = scope + "\n" + given;
        String key = Secrets.sha256("lookup\n" + secret);
        String hash = hash(request);
        boolean claimed = jdbc.sql(
                                """
                                INSERT INTO idempotency_key (scope, key, request_hash, status)
                                VALUES (?, ?, ?, 'in_progress') ON CONFLICT DO NOTHING
                                """)
                        .params(scope, key, hash)
                        .update()
                == 1;
        if (!claimed) {
            answerFromStore(scope, key, secret, hash, request, response);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, recorded);
            // a refusal by a rate limit (which runs after this filter) is not the request's answer: the
            // key is released like after a failure, so that a retry later does the work
            if (recorded.getStatus() < 500 && recorded.getStatus() != 429) {
                jdbc.sql(
                                """
                                UPDATE idempotency_key
                                   SET status = 'completed', response_status = ?, response_content_type = ?,
                                       response_body = ?
                                 WHERE scope = ? AND key = ?
                                """)
                        .params(
                                recorded.getStatus(),
                                recorded.getContentType(),
                                ResponseSeal.seal(recorded.getContentAsByteArray(), secret),
                                scope,
                                key)
                        .update();
                stored = true;
            }
        } finally {
            if (!stored) {
                // the work failed on our side: release the key so that a retry can do it
                jdbc.sql("DELETE FROM idempotency_key WHERE scope = ? AND key = ?")
                        .params(scope, key)
                        .update();
            }
            recorded.copyBodyToResponse();
        }
    }

    private void answerFromStore(
            String scope,
            String key,
            String secret,
            String hash,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Optional<Stored> stored = jdbc.sql(
                        """
                        SELECT request_hash, status, response_status, response_content_type, response_body
                          FROM idempotency_key WHERE scope = ? AND key = ?
                        """)
                .params(scope, key)
                .query((rs, row) -> new Stored(
                        rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4), rs.getBytes(5)))
                .optional();
        if (stored.isEmpty()) {
            problems.write(
                    request,
                    response,
                    new RoomtoneException(
                            ProblemCode.IDEMPOTENCY_IN_PROGRESS,
                            "A request with this Idempotency-Key just failed; retry it."));
            return;
        }
        Stored previous = stored.get();
        if (!previous.requestHash().equals(hash)) {
            problems.write(
                    request,
                    response,
                    new RoomtoneException(
                            ProblemCode.IDEMPOTENCY_CONFLICT,
                            "This Idempotency-Key was used for a different request; use a new key for a new request."));
            return;
        }
        if (!"completed".equals(previous.status())) {
            problems.write(
                    request,
                    response,
                    new RoomtoneException(
                            ProblemCode.IDEMPOTENCY_IN_PROGRESS,
                            "The first request with this Idempotency-Key is still running."));
            return;
        }
        response.setStatus(previous.responseStatus());
        response.setHeader("Idempotent-Replayed", "true");
        if (previous.contentType() != null) {
            response.setContentType(previous.contentType());
        }
        try {
            response.getOutputStream().write(ResponseSeal.open(previous.body(), secret));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("A stored response could not be opened with its own key", e);
        }
    }

    /** Keys belong to one caller in one studio; anonymous callers share their studio's space. */
    private static String scope() {
        String studio = Tenancy.studioId().map(Object::toString).orElse("-");
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String caller = "anonymous";
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            caller = user.id().toString();
        } else if (authentication != null && authentication.getPrincipal() instanceof String name) {
            caller = name;
        }
        return studio + "/" + caller;
    }

    /** What makes two requests "the same": method, path, query and body. */
    private static String hash(HttpServletRequest request) {
        byte[] line = (request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = BodyLimitFilter.bufferedBody(request);
        byte[] all = java.util.Arrays.copyOf(line, line.length + body.length);
        System.arraycopy(body, 0, all, line.length, body.length);
        return Secrets.sha256(all);
    }

    /** Keys live at least 24 hours; stale claims of crashed requests are released after 10 minutes. */
    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT1M")
    void forgetOldKeys() {
        jdbc.sql(
                        """
                        DELETE FROM idempotency_key
                         WHERE created_at < now() - interval '48 hours'
                            OR (status = 'in_progress' AND created_at < now() - interval '10 minutes')
                        """)
                .update();
    }
}
