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

    /**
     * The pages where a client pays by card, when card payments are on: Stripe's script, its frames
     * and its API are allowed there, and nowhere else.
     */
    static final String PAYMENT_PAGES =
            "default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self'; "
                    + "img-src 'self' data: https://*.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; "
                    + "connect-src 'self' https://api.stripe.com; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                    + "form-action 'self'";

    /** A client's own booking page, where a balance the saved card could not pay is paid by card. */
    private static final java.util.regex.Pattern OWN_BOOKING = java.util.regex.Pattern.compile("/me/bookings/[^/]+");

    /** Powerful browser features no Roomtone page uses: a page cannot be tricked into asking for them. */
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), usb=()";

    private final boolean cardPayments;

    ContentSecurity(boolean cardPayments) {
        this.cardPayments = cardPayments;
    }

    void write(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI() == null ? "" : request.getRequestURI();
        String policy = path.startsWith("/swagger-ui")
                ? API_DOCUMENTATION
                : cardPayments
                                && (path.startsWith("/book/sent/")
                                        || OWN_BOOKING.matcher(path).matches())
                        ? PAYMENT_PAGES
                        : PAGES;
        response.setHeader("Content-Security-Policy", policy);
    }
}
