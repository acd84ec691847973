package io.roomtone.platform.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the layout of every page shows: the studio (its name in the header, its zone in the footer)
 * and who is signed in. Added after a page controller ran, only when a view is rendered, so that API
 * calls never pay for it; a page controller that already put a {@code studio} keeps its own.
 */
@Component
class PageModel implements HandlerInterceptor {

    static final String STUDIO = "studio";
    static final String VIEWER = "viewer";

    private final Studios studios;

    PageModel(Studios studios) {
        this.studios = studios;
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || !page.hasView() || isRedirect(page)) {
            return;
        }
        addTo(page);
    }

    /** Adds the studio (when the request has one) and the signed-in user to {@code page}. */
    void addTo(ModelAndView page) {
        if (!page.getModel().containsKey(STUDIO) && Tenancy.studioId().isPresent()) {
            page.addObject(STUDIO, studios.current());
        }
        page.addObject(VIEWER, viewer());
    }

    /** The signed-in user, or null for a visitor (the layout then offers to sign in). */
    static CurrentUser viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
    }

    private static boolean isRedirect(ModelAndView page) {
        String name = page.getViewName();
        return name != null && (name.startsWith("redirect:") || name.startsWith("forward:"));
    }
}
