package io.roomtone.platform.web;

import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Role;
import io.roomtone.notifications.TwilioWebhooks;
import io.roomtone.payments.CardPayments;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Stateless security: every request is authenticated afresh from its bearer token or session cookie
 * (see {@link RequestAuthentication}); access follows {@link RouteRules}, and anything else is denied.
 * CSRF protection applies to what a browser can forge: cookie-authenticated and form requests.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * Webhooks that providers post as forms: authenticated by the provider's signature of the call
     * (never by a session), which no other site can forge, and unable to carry a CSRF token.
     */
    static final Set<String> SIGNED_FORM_WEBHOOKS = Set.of(TwilioWebhooks.SMS_PATH, TwilioWebhooks.STATUS_PATH);

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            RequestAuthentication authentication,
            Problems problems,
            IdentityProperties identity,
            PageRefusals pages,
            CardPayments cards)
            throws Exception {
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(csrf -> csrf.spa()
                        .requireCsrfProtectionMatcher(SecurityConfiguration::forgeableByBrowser)
                        // stateless: every cookie-authenticated request looks like a fresh sign-in to
                        // the session management filter, which would replace the CSRF token each time
                        // (even for a stylesheet) and so void the token of every form already rendered
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .addFilterBefore(authentication.filter(problems), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            if (Pages.wanted(request)) {
                                pages.refuse(request, response, 401);
                                return;
                            }
                            problems.write(
                                    request,
                                    response,
                                    new RoomtoneException(ProblemCode.UNAUTHENTICATED, "Sign in to use this route."));
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            if (Pages.wanted(request)) {
                                pages.refuse(request, response, 403);
                                return;
                            }
                            problems.write(
                                    request,
                                    response,
                                    new RoomtoneException(
                                            ProblemCode.FORBIDDEN,
                                            e instanceof CsrfException
                                                    ? "The CSRF token is missing or wrong (send the XSRF-TOKEN cookie back as the X-XSRF-TOKEN header)."
                                                    : "Your role does not allow this."));
                        }))
                .headers(headers -> headers
                        // the policy depends on the path (see ContentSecurity)
                        .addHeaderWriter(new ContentSecurity(cards.available())::write)
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", ContentSecurity.PERMISSIONS)))
                .authorizeHttpRequests(requests -> {
                    // the dispatch that ends an asynchronous response (a live stream closing) belongs
                    // to a request its rule already let in; authentication does not run again for it,
                    // so without this it was denied on a committed response and logged as an error
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    for (RouteRules.Rule rule : RouteRules.RULES) {
                        var matcher = requests.requestMatchers(
                                PathPatternRequestMatcher.pathPattern(rule.method(), rule.pattern()));
                        switch (rule.access()) {
                            case PUBLIC -> matcher.permitAll();
                            case SIGNED_IN -> matcher.authenticated();
                            case ADMIN -> matcher.hasAnyRole(RouteRules.ADMIN_ROLES);
                            case OWNER -> matcher.hasRole(Role.OWNER.name());
                            case STAFF -> matcher.hasAnyRole(RouteRules.STAFF_ROLES);
                            // with several studios, one studio's owner must not see the whole platform's data
                            case OPERATIONS ->
                                matcher.hasAnyAuthority(
                                        identity.multiStudio()
                                                ? new String[] {RequestAuthentication.OPERATOR_AUTHORITY}
                                                : RouteRules.OPERATIONS_AUTHORITIES);
                            case OPERATOR -> matcher.hasAuthority(RequestAuthentication.OPERATOR_AUTHORITY);
                        }
                    }
                    requests.anyRequest().denyAll();
                });
        return http.build();
    }

    /**
     * Bearer-token (and operator Basic) calls cannot be forged by another site; cookie-carrying and
     * form posts can. Other schemes are refused by {@link RequestAuthentication}, never exempted here.
     */
    static boolean forgeableByBrowser(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        if (SIGNED_FORM_WEBHOOKS.contains(
                request.getRequestURI().substring(request.getContextPath().length()))) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null
                && (authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        || authorization.regionMatches(true, 0, "Basic ", 0, 6))) {
            return false;
        }
        String type = request.getContentType();
        boolean form = type != null
                && (type.startsWith("application/x-www-form-urlencoded")
                        || type.startsWith("multipart/")
                        || type.startsWith("text/plain"));
        return form || RequestAuthentication.sessionCookie(request).isPresent();
    }
}
