package io.roomtone.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Content-Security-Policy of every response. Roomtone's pages load scripts and styles only as
 * files of their own origin: no inline script, no inline style, no {@code eval} (htmx is configured
 * not to need them), so an injected {@code <script>} or {@code style} attribute does nothing. The
 * generated API documentation (Swagger UI) sets inline styles on its elements and gets that one
 * relaxation, on its own paths only.
 */
final class ContentSecurity {

    static final String PAGES = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    static final String API_DOCUMENTATION = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /** Powerful browser features no Roomtone page uses: a page cannot be tricked into asking for them. */
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), usb=()";

    private ContentSecurity() {}

    static void write(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        boolean documentation = path != null && path.startsWith("/swagger-ui");
        response.setHeader("Content-Security-Policy", documentation ? API_DOCUMENTATION : PAGES);
    }
}
