package io.roomtone.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where the application is reached from outside, for the absolute links that calendar files, feeds
 * and messages carry: {@code roomtone.public-url} ({@code ROOMTONE_PUBLIC_URL}, e.g. {@code https://book.studio.example})
 * when set; otherwise the address of the request being answered, or {@code http://localhost:8080}
 * outside a request (a mail sent by a listener).
 */
@Component
public class PublicAddress {

    private final String configured;

    PublicAddress(@Value("${roomtone.public-url:}") String configured) {
        String url = configured == null ? "" : configured.strip();
        this.configured = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Whether the address is configured ({@code ROOMTONE_PUBLIC_URL}), rather than taken from the
     * request: only then may it be handed to a provider that calls back later (Twilio's status
     * callbacks).
     */
    public boolean configured() {
        return !configured.isEmpty();
    }

    /** The base address, without a trailing slash. */
    public String base() {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (RequestContextHolder.getRequestAttributes() != null) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        }
        return "http://localhost:8080";
    }

    /** {@code path} (starting with a slash) as an absolute address. */
    public String of(String path) {
        return base() + path;
    }

    /** The same address for calendar apps that subscribe on a click ({@code webcal://}). */
    public String webcal(String path) {
        return of(path).replaceFirst("^https?://", "webcal://");
    }
}
