package io.roomtone.identity;

import io.roomtone.identity.internal.Tokens;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.ProblemWriter;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Works out who a request is from and which studio it belongs to. A bearer token or the session
 * cookie names a user, whose studio it is; an anonymous request belongs to the studio named by the
 * {@code X-Studio} header or the first label of the host name (multi-studio mode), else the default
 * studio. The platform operator authenticates with HTTP Basic on {@code /api/platform/**} and
 * {@code /actuator/**}. Any other {@code Authorization} scheme is refused.
 */
@Component
public class RequestAuthentication {

    public static final String SESSION_COOKIE = "roomtone_session";
    public static final String STUDIO_HEADER = "X-Studio";
    public static final String OPERATOR_AUTHORITY = "ROLE_OPERATOR";

    private final Tokens tokens;
    private final Studios studios;
    private final IdentityProperties properties;
    private final Map<String, UUID> slugs = new ConcurrentHashMap<>();
    private volatile UUID defaultStudio;

    RequestAuthentication(Tokens tokens, Studios studios, IdentityProperties properties) {
        this.tokens = tokens;
        this.studios = studios;
        this.properties = properties;
    }

    /** The servlet filter, answering bad credentials and unknown studios through {@code problems}. */
    public OncePerRequestFilter filter(ProblemWriter problems) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    authenticate(request);
                } catch (BadCredentialsException e) {
                    problems.write(
                            request, response, new RoomtoneException(ProblemCode.UNAUTHENTICATED, e.getMessage()));
                    return;
                } catch (RoomtoneException e) {
                    problems.write(request, response, e);
                    return;
                }
                try {
                    chain.doFilter(request, response);
                } finally {
                    Tenancy.clear();
                }
            }
        };
    }

    private void authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            CurrentUser user = userOf(authorization.substring(7).strip())
                    .orElseThrow(() -> new BadCredentialsException("The bearer token is invalid or has expired."));
            signIn(user);
            return;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            authenticateOperator(request, authorization.substring(6).strip());
            return;
        }
        if (authorization != null && !authorization.isBlank()) {
            // never fall back to the session cookie: CSRF protection is skipped for requests that
            // carry credentials in this header, so they must be authenticated by them alone
            throw new BadCredentialsException("Unsupported authorization scheme; use Bearer.");
        }
        Optional<CurrentUser> fromCookie = sessionCookie(request).flatMap(this::userOf);
        if (fromCookie.isPresent()) {
            signIn(fromCookie.get());
            return;
        }
        Tenancy.bind(studioOfAnonymous(request));
    }

    /** The user a session token belongs to, loaded inside that user's studio. */
    public Optional<CurrentUser> userOf(String token) {
        return tokens.signedIn(token);
    }

    public static Optional<String> sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(c -> SESSION_COOKIE.equals(c.getName()))
                .map(Cookie::getValue)
                .findFirst();
    }

    private void signIn(CurrentUser user) {
        Tenancy.bind(user.studioId());
        var authentication = new UsernamePasswordAuthenticationToken(
                user, null, List.of(new SimpleGrantedAuthority(user.role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    /**
     * Slugs and ids of studios never change and studios are never deleted, so anonymous requests
     * (the public booking pages) are routed without a database round trip once a slug was seen.
     * Unknown slugs are not cached: a studio created a moment ago on another node must be found.
     */
    private Optional<UUID> studioIdOf(String slug) {
        UUID cached = slugs.get(slug);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UUID> found = studios.bySlug(slug).map(Studio::id);
        found.ifPresent(id -> slugs.put(slug, id));
        return found;
    }

    private UUID studioOfAnonymous(HttpServletRequest request) {
        if (properties.multiStudio()) {
            String named = request.getHeader(STUDIO_HEADER);
            if (named != null && !named.isBlank()) {
                return studioIdOf(named.strip().toLowerCase())
                        .orElseThrow(() -> new RoomtoneException(
                                ProblemCode.NOT_FOUND, "No studio named '" + named.strip() + "'."));
            }
            String host = request.getServerName();
            int dot = host == null ? -1 : host.indexOf('.');
            if (dot > 0) {
                Optional<UUID> byHost = studioIdOf(host.substring(0, dot).toLowerCase());
                if (byHost.isPresent()) {
                    return byHost.get();
                }
            }
        }
        UUID known = defaultStudio;
        if (known != null) {
            return known;
        }
        return studios.defaultStudio()
                .map(Studio::id)
                .map(id -> defaultStudio = id)
                .orElseThrow(() -> new IllegalStateException("The default studio has not been created"));
    }

    private void authenticateOperator(HttpServletRequest request, String credentials) {
        String uri = request.getRequestURI();
        if (!(uri.startsWith("/api/platform/") || uri.startsWith("/actuator/"))
                || !StringUtils.hasText(properties.operatorEmail())
                || !StringUtils.hasText(properties.operatorPassword())) {
            throw new BadCredentialsException("Basic authentication is only for the platform operator.");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("Malformed Basic credentials.");
        }
        String expected = properties.operatorEmail() + ":" + properties.operatorPassword();
        // constant-time comparison: the operator password must not leak through response timing
        if (!MessageDigest.isEqual(
                decoded.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new BadCredentialsException("Wrong operator credentials.");
        }
        var authentication = new UsernamePasswordAuthenticationToken(
                properties.operatorEmail(), null, List.of(new SimpleGrantedAuthority(OPERATOR_AUTHORITY)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }
}
