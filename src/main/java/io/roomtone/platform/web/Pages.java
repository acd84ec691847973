package io.roomtone.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Tells a browser asking for a page from a program calling the API: only the first gets HTML. */
final class Pages {

    private static final List<String> MACHINE_PATHS =
            List.of("/api/", "/actuator/", "/v3/", "/swagger-ui", "/webjars/");

    private Pages() {}

    /** A request for a page: not an API route, and the client accepts HTML (as browsers do). */
    static boolean wanted(HttpServletRequest request, String path) {
        if (path == null || MACHINE_PATHS.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type ->
                            type.getType().equals("text") && type.getSubtype().equals("html"));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    static boolean wanted(HttpServletRequest request) {
        return wanted(request, request.getRequestURI());
    }
}
