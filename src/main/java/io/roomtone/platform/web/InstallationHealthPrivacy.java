package io.roomtone.platform.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.IdentityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With several studios, {@code /actuator/health} describes the whole installation (its database,
 * disk, mail server): a studio's owner or admin asks it as anyone would, and sees only the status.
 * The operator (HTTP Basic) still sees the details; with one studio, so do its owners and admins
 * ({@code management.endpoint.health.roles}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 30)
class InstallationHealthPrivacy extends OncePerRequestFilter {

    private final IdentityProperties identity;

    InstallationHealthPrivacy(IdentityProperties identity) {
        this.identity = identity;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !identity.multiStudio() || !request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.getContext();
        if (context.getAuthentication() == null
                || !(context.getAuthentication().getPrincipal() instanceof CurrentUser)) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.setContext(context);
        }
    }
}
