package io.roomtone.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * How the security filters refuse a browser asking for a page: a path no controller maps is a 404
 * page (deny-by-default would otherwise call it "sign in"), a page that needs a signed-in user leads
 * to the sign-in page and back, and anything else is the 403 page.
 */
@Component
class PageRefusals {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    // lazily: the MVC mapping is built after the security filter chain that uses this
    PageRefusals(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    void refuse(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        if (!mapped(request)) {
            response.sendError(404);
        } else if (status == 401 && "GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            String back = request.getRequestURI() + (query == null ? "" : "?" + query);
            response.sendRedirect("/signin?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        } else {
            response.sendError(status);
        }
    }

    private boolean mapped(HttpServletRequest request) {
        try {
            return mappings.getObject().getHandler(request) != null;
        } catch (Exception e) {
            // a mapped path with, say, the wrong method: it exists
            return true;
        }
    }
}
