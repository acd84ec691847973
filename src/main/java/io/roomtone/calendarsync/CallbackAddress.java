package io.roomtone.calendarsync;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where a provider sends the staff member back: this installation's address as the request reached
 * it (the proxy's forwarded headers are trusted), or {@code roomtone.calendar-sync.redirect-base}
 * when set. The provider's app registration must list it.
 */
@Component
public class CallbackAddress {

    private final CalendarSyncProperties properties;

    CallbackAddress(CalendarSyncProperties properties) {
        this.properties = properties;
    }

    public String of(ExternalCalendar provider) {
        String base = properties.calendarSync().redirectBase();
        String path = "/staff/calendars/" + provider.json() + "/callback";
        if (CalendarSyncProperties.present(base)) {
            return CalendarSyncProperties.strip(base.strip()) + path;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }
}
