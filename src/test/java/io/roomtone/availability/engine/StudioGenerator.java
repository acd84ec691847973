package io.roomtone.availability.engine;

import static io.roomtone.availability.engine.Scenario.LONDON;
import static io.roomtone.availability.engine.Scenario.LORD_HOWE;
import static io.roomtone.availability.engine.Scenario.TORONTO;

import io.roomtone.shared.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Random studios for {@link SlotEnginePropertiesTests}, one per seed: the same seed gives the same
 * {@link SearchInput}. The searched dates lie mostly around the 2026 daylight-saving transitions of
 * Toronto, London and Lord Howe; hours per weekday (also in another zone, and with effective dates),
 * closures, blocked ranges (also on odd seconds), buffers, steps, durations, staff, lead time and
 * horizon are drawn at random. All windows and closures fall on whole minutes, as {@link Oracle}
 * requires. Weights are written {@code pick(3, 1, 1)}: the first choice three times in five.
 */
final class StudioGenerator {

    static final List<ZoneId> ZONES = List.of(TORONTO, LONDON, LORD_HOWE);
    /** The 2026 transitions, two per zone in the order of {@link #ZONES}. */
    static final List<LocalDate> TRANSITIONS = List.of(
            LocalDate.of(2026, 3, 8),
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 3, 29),
            LocalDate.of(2026, 10, 25),
            LocalDate.of(2026, 4, 5),
            LocalDate.of(2026, 10, 4));

    private static final int ROOM_TAG = 0xA0;
    private static final int STAFF_TAG = 0x50;

    private final SplittableRandom random;

    private StudioGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The studio of {@code seed}. */
    static SearchInput studio(long seed) {
        return new StudioGenerator(seed).studio();
    }

    /** The searched dates, in a zone, mostly around a transition (of any of the three zones). */
    private record Frame(ZoneId zone, LocalDate firstDate, int days) {

        Instant at(int minutes) {
            return firstDate.atStartOfDay(zone).toInstant().plus(Duration.ofMinutes(minutes));
        }

        int minutes() {
            return days * 24 * 60;
        }
    }

    private SearchInput studio() {
        ZoneId zone = oneOf(ZONES);
        Frame frame = new Frame(zone, date(zone), between(1, 2));
        // Now and then a studio without hours (closed).
        List<WeeklyHours> hours = pick(19, 1) == 0 ? list(1, 3, () -> hours(frame, () -> frame.zone())) : List.of();
        List<TimeRange> closures = list(0, 2, () -> span(frame, false));
        List<Resource> rooms = withIds(list(1, 3, () -> resource(frame)), ROOM_TAG);
        List<Resource> staff = withIds(pick(9, 1) == 0 ? list(1, 3, () -> resource(frame)) : List.of(), STAFF_TAG);
        int duration = pick(3, 1) == 0 ? oneOf(List.of(15, 30, 60, 90, 120)) : between(5, 240);
        int step = oneOf(List.of(5, 10, 15, 30, 60));
        boolean engineerRequired = random.nextBoolean();
        Duration bufferBefore = buffer();
        Duration bufferAfter = buffer();
        // Half the time no lead time or horizon within the searched dates.
        Instant earliest = frame.at(-2000);
        Instant latest = frame.at(frame.minutes() + 2000);
        if (random.nextBoolean()) {
            earliest = frame.at(between(-2000, frame.minutes()));
            latest = frame.at(between(0, frame.minutes() + 2000));
        }
        return new SearchInput(
                frame.firstDate(),
                frame.days(),
                frame.zone(),
                hours,
                closures,
                rooms,
                engineerRequired,
                staff,
                Duration.ofMinutes(duration),
                bufferBefore,
                bufferAfter,
                step,
                earliest,
                latest,
                4200);
    }

    /** Mostly around the zone's own transitions, sometimes another zone's, sometimes any day. */
    private LocalDate date(ZoneId zone) {
        int own = ZONES.indexOf(zone) * 2;
        return switch (pick(3, 1, 1)) {
            case 0 -> oneOf(TRANSITIONS.subList(own, own + 2)).plusDays(between(-2, 1));
            case 1 -> oneOf(TRANSITIONS).plusDays(between(-2, 1));
            default -> LocalDate.of(2026, 1, 1).plusDays(between(0, 364));
        };
    }

    /** A room or staff member; {@link #withIds} gives it its final id. */
    private Resource resource(Frame frame) {
        // Two in three follow the studio's hours. Mostly in the studio's zone; sometimes in one of
        // the others, whose dates and transitions differ (drawn per rule).
        Supplier<ZoneId> zones = () -> pick(3, 1) == 0 ? frame.zone() : oneOf(ZONES);
        List<WeeklyHours> hours = pick(1, 2) == 0 ? list(1, 2, () -> hours(frame, zones)) : List.of();
        List<TimeRange> closures = list(0, 2, () -> span(frame, false));
        List<TimeRange> blocked = list(0, 5, () -> span(frame, true));
        return new Resource(new UUID(random.nextLong(), 0), hours, closures, blocked, buffer(), buffer());
    }

    /** Rooms or staff with ids {@code <random high bits>-...-<tag + index>}, unique by index. */
    private static List<Resource> withIds(List<Resource> targets, int tag) {
        List<Resource> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Resource t = targets.get(i);
            UUID id = new UUID(t.id().getMostSignificantBits(), tag + i);
            out.add(new Resource(id, t.hours(), t.closures(), t.blocked(), t.bufferBefore(), t.bufferAfter()));
        }
        return out;
    }

    private WeeklyHours hours(Frame frame, Supplier<ZoneId> zones) {
        ZoneId zone = zones.get();
        Set<DayOfWeek> days = pick(2, 1) == 0 ? EnumSet.allOf(DayOfWeek.class) : weekdays();
        // Starts often at the night hours that transitions move.
        int start = pick(1, 1) == 0 ? between(0, 1380) : oneOf(List.of(0, 60, 90, 120, 150, 180, 540, 600));
        int length = between(180, 900);
        // Some hours cross midnight (22:00-02:00): the end wraps to the next day, never equal to the start.
        boolean overnight = pick(3, 1) == 1;
        int end = overnight ? (start + length) % (24 * 60) : Math.min(24 * 60 - 1, start + length);
        // Effective dates: a from date, a to date some days later (or after the first date).
        LocalDate from = pick(85, 15) == 0 ? null : frame.firstDate().plusDays(between(-2, 2));
        Integer lasting = pick(85, 15) == 0 ? null : between(0, 3);
        return new WeeklyHours(
                days,
                LocalTime.MIN.plusMinutes(start),
                LocalTime.MIN.plusMinutes(end),
                zone,
                from,
                lasting == null ? null : (from == null ? frame.firstDate() : from).plusDays(lasting));
    }

    /** At least one weekday: a random number of them (1 to 7), chosen at random. */
    private Set<DayOfWeek> weekdays() {
        List<DayOfWeek> all = new ArrayList<>(List.of(DayOfWeek.values()));
        for (int i = all.size() - 1; i > 0; i--) {
            Collections.swap(all, i, random.nextInt(i + 1));
        }
        return EnumSet.copyOf(all.subList(0, between(1, all.size())));
    }

    /** A span around the searched dates; blocked ranges may also fall on odd seconds. */
    private TimeRange span(Frame frame, boolean oddSeconds) {
        int start = between(-600, frame.minutes() + 600);
        int length = between(1, 120);
        int seconds = oddSeconds && pick(3, 1) == 1 ? between(1, 59) : 0;
        Instant from = frame.at(start).plusSeconds(seconds);
        return new TimeRange(from, from.plus(Duration.ofMinutes(length)));
    }

    /** No buffer three times in five, else 1 to 60 minutes. */
    private Duration buffer() {
        return Duration.ofMinutes(pick(3, 2) == 0 ? 0 : between(1, 60));
    }

    private <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
        int size = between(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return List.copyOf(list);
    }

    /** Uniform in {@code [min, max]}. */
    private int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    private <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** The index of a choice, each as likely as its weight. */
    private int pick(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    /** A readable account of a generated input: times on the studio's clock, with their offsets. */
    static String describe(SearchInput input) {
        ZoneId zone = input.studioZone();
        StringBuilder text = new StringBuilder();
        text.append("studio in ")
                .append(zone)
                .append(", ")
                .append(input.days())
                .append(input.days() == 1 ? " day" : " days")
                .append(" from ")
                .append(input.firstDate())
                .append(" (")
                .append(input.firstDate().getDayOfWeek())
                .append(")\n");
        text.append("  session ")
                .append(input.duration().toMinutes())
                .append(" min, step ")
                .append(input.stepMinutes())
                .append(" min, ")
                .append(input.engineerRequired() ? "engineer required" : "no engineer")
                .append(", service buffers ")
                .append(buffers(input.serviceBufferBefore(), input.serviceBufferAfter()))
                .append(", price ")
                .append(input.priceCents())
                .append('\n');
        text.append("  starts from ")
                .append(local(input.earliestStart(), zone))
                .append(" to ")
                .append(local(input.latestStart(), zone))
                .append('\n');
        text.append("  hours ")
                .append(input.studioHours().isEmpty() ? "none (closed)" : hours(input.studioHours(), zone))
                .append('\n');
        text.append("  closures ").append(spans(input.studioClosures(), zone)).append('\n');
        for (Resource room : input.rooms()) {
            text.append(resource("room", room, zone));
        }
        if (input.staff().isEmpty()) {
            text.append("  no staff\n");
        }
        for (Resource member : input.staff()) {
            text.append(resource("staff", member, zone));
        }
        return text.toString();
    }

    private static String resource(String kind, Resource target, ZoneId zone) {
        return "  "
                + kind
                + " "
                + target.id()
                + "\n    hours "
                + (target.hours().isEmpty() ? "the studio's" : hours(target.hours(), zone))
                + "\n    closures "
                + spans(target.closures(), zone)
                + "\n    blocked "
                + spans(target.blocked(), zone)
                + "\n    buffers "
                + buffers(target.bufferBefore(), target.bufferAfter())
                + "\n";
    }

    private static String hours(List<WeeklyHours> hours, ZoneId studioZone) {
        return hours.stream()
                .map(rule -> (rule.days().size() == 7
                                ? "every day"
                                : rule.days().stream()
                                        .map(day -> day.name().substring(0, 3))
                                        .collect(Collectors.joining(",")))
                        + " "
                        + rule.start()
                        + "-"
                        + rule.end()
                        + (rule.zone().equals(studioZone) ? "" : " in " + rule.zone())
                        + (rule.from() == null ? "" : " from " + rule.from())
                        + (rule.to() == null ? "" : " to " + rule.to()))
                .collect(Collectors.joining("; "));
    }

    private static String spans(List<TimeRange> spans, ZoneId zone) {
        return spans.isEmpty()
                ? "none"
                : spans.stream()
                        .map(span -> "[" + local(span.start(), zone) + ", " + local(span.end(), zone) + ")")
                        .collect(Collectors.joining(" "));
    }

    private static String buffers(Duration before, Duration after) {
        return before.toMinutes() + "/" + after.toMinutes() + " min";
    }

    private static String local(Instant instant, ZoneId zone) {
        return OffsetDateTime.ofInstant(instant, zone).toString();
    }
}
