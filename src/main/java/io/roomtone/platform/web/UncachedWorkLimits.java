package io.roomtone.platform.web;

import io.roomtone.shared.WorkAllowance;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The rate limits on work no cache answers ({@link WorkAllowance}): counted where the work is about
 * to happen rather than per route, since only the module knows whether its cache had the answer.
 * Anonymous callers count per client address; signed-in callers, and work outside a request (jobs),
 * are not counted.
 */
@Component
@ConditionalOnBooleanProperty(name = "roomtone.rate-limits.enabled", matchIfMissing = true)
class UncachedWorkLimits implements WorkAllowance {

    private final RateLimiter limiter;

    UncachedWorkLimits(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void take(Work work) {
        RateLimit limit =
                switch (work) {
                    case UNCACHED_SEARCH -> RateLimit.SEARCH_PER_IP;
                };
        if (RateLimiter.currentUser().isPresent()
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        limiter.take(limit, ClientNetwork.of(request.getRemoteAddr())).ifPresent(refusal -> {
            throw refusal;
        });
    }
}
