package io.roomtone.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one way pages show times: always in the studio's zone, because sessions happen in the studio,
 * and with the zone named next to them ({@code ${@times.zoneLabel(studio.timezone())}}). 24-hour
 * clock and written-out days ("Thursday 16 May"), never "4" or "1:30pm".
 */
@Component("times")
public class StudioTimeFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    public String time(Instant instant, ZoneId zone) {
        return CLOCK.format(instant.atZone(zone));
    }

    /** "14:00–16:00". */
    public String range(Instant start, Instant end, ZoneId zone) {
        return time(start, zone) + "–" + time(end, zone);
    }

    /** "Thursday 16 May 2026". */
    public String day(LocalDate date) {
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale()).format(date);
    }

    public String day(Instant instant, ZoneId zone) {
        return day(instant.atZone(zone).toLocalDate());
    }

    /** "Thu 16", for a compact week strip. */
    public String shortDay(LocalDate date) {
        return DateTimeFormatter.ofPattern("EEE d", locale()).format(date);
    }

    /** "Studio time, America/Toronto". */
    public String zoneLabel(ZoneId zone) {
        return "Studio time, " + zone.getId();
    }

    /** "30 min", "1 h", "1 h 30 min": "30m" would read as metres. */
    public String duration(int minutes) {
        int hours = minutes / 60;
        int rest = minutes % 60;
        if (hours == 0) {
            return rest + " min";
        }
        return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
