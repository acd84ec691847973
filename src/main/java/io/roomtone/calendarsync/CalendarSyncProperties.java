package io.roomtone.calendarsync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OAuth clients of the calendar providers and how often due work is tried.
 *
 * @param google {@code ROOMTONE_GOOGLE_CLIENT_ID}, {@code ROOMTONE_GOOGLE_CLIENT_SECRET}; the URLs
 *     change only in tests (WireMock)
 * @param microsoft {@code ROOMTONE_MICROSOFT_CLIENT_ID}, {@code ROOMTONE_MICROSOFT_CLIENT_SECRET},
 *     {@code ROOMTONE_MICROSOFT_TENANT} (default {@code common})
 * @param sync {@code roomtone.calendar-sync.*}: the job's interval and backoff
 */
@ConfigurationProperties("roomtone")
record CalendarSyncProperties(Google google, Microsoft microsoft, Sync calendarSync) {

    CalendarSyncProperties {
        google = google == null ? new Google(null, null, null, null, null) : google;
        microsoft = microsoft == null ? new Microsoft(null, null, null, null, null) : microsoft;
        calendarSync = calendarSync == null ? new Sync(null, null, null, null) : calendarSync;
    }

    record Google(String clientId, String clientSecret, String authorizeUrl, String tokenUrl, String apiBase) {

        Google {
            authorizeUrl = orDefault(authorizeUrl, "https://accounts.google.com/o/oauth2/v2/auth");
            tokenUrl = orDefault(tokenUrl, "https://oauth2.googleapis.com/token");
            apiBase = orDefault(apiBase, "https://www.googleapis.com/");
        }

        boolean configured() {
            return present(clientId) && present(clientSecret);
        }
    }

    /**
     * @param authority where Microsoft's identity platform answers ({@code <authority>/<tenant>/oauth2/v2.0/…})
     */
    record Microsoft(String clientId, String clientSecret, String tenant, String authority, String apiBase) {

        Microsoft {
            tenant = orDefault(tenant, "common");
            authority = orDefault(authority, "https://login.microsoftonline.com");
            apiBase = orDefault(apiBase, "https://graph.microsoft.com/v1.0");
        }

        boolean configured() {
            return present(clientId) && present(clientSecret);
        }

        String endpoint(String name) {
            return strip(authority) + "/" + tenant + "/oauth2/v2.0/" + name;
        }
    }

    /**
     * @param interval how often each node looks for due work (5 s: an approval reaches the calendars
     *     within seconds while the provider is up)
     * @param retryBase the first retry's delay; each further one doubles, up to {@code retryMax}
     * @param redirectBase the public address of this installation for the OAuth callback, when the
     *     request's own (behind the proxy's forwarded headers) is not the one registered
     */
    record Sync(
            @DefaultValue("PT5S") Duration interval,
            @DefaultValue("PT10S") Duration retryBase,
            @DefaultValue("PT1H") Duration retryMax,
            String redirectBase) {

        Sync {
            interval = interval == null ? Duration.ofSeconds(5) : interval;
            retryBase = retryBase == null ? Duration.ofSeconds(10) : retryBase;
            retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    static String orDefault(String value, String fallback) {
        return present(value) ? value.strip() : fallback;
    }

    static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
