package io.roomtone.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Weekly rules laid out as a week, Monday first, the way the studio reads its opening hours: each
 * rule a block on every day it holds on, and a rule that crosses midnight (22:00-02:00 belongs to
 * the day it starts) also as a continuation at the start of the next day, so that Sunday's late
 * hours show on Monday morning too. Effective dates are not applied: the drawing shows every rule.
 */
public record WeekOfHours(List<Day> days) {

    /** How a block relates to its rule's day. */
    public enum Part {
        /** Starts and ends on this day. */
        WHOLE,
        /** Starts on this day and ends after midnight, on the next one. */
        INTO_NEXT_DAY,
        /** The morning part of the previous day's overnight rule. */
        FROM_PREVIOUS_DAY
    }

    /**
     * One rule's time on one day.
     *
     * @param start the block's start on this day (00:00 for a continuation)
     * @param end the block's end: on this day, or on the next for {@link Part#INTO_NEXT_DAY}
     */
    public record Block(ScheduleRule rule, LocalTime start, LocalTime end, Part part) {

        /** Whether the rule ends at midnight exactly (18:00-00:00): it fills the day and stops. */
        public boolean untilMidnight() {
            return part == Part.INTO_NEXT_DAY && end.equals(LocalTime.MIDNIGHT);
        }
    }

    public record Day(DayOfWeek day, List<Block> blocks) {

        public boolean isEmpty() {
            return blocks.isEmpty();
        }
    }

    public static WeekOfHours of(List<ScheduleRule> rules) {
        Map<DayOfWeek, List<Block>> byDay = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            byDay.put(day, new ArrayList<>());
        }
        for (ScheduleRule rule : rules) {
            boolean overnight = !rule.endTime().isAfter(rule.startTime());
            for (DayOfWeek day : rule.days()) {
                if (!overnight) {
                    byDay.get(day).add(new Block(rule, rule.startTime(), rule.endTime(), Part.WHOLE));
                    continue;
                }
                byDay.get(day).add(new Block(rule, rule.startTime(), rule.endTime(), Part.INTO_NEXT_DAY));
                if (!rule.endTime().equals(LocalTime.MIDNIGHT)) {
                    byDay.get(day.plus(1))
                            .add(new Block(rule, LocalTime.MIDNIGHT, rule.endTime(), Part.FROM_PREVIOUS_DAY));
                }
            }
        }
        Comparator<Block> byStart =
                Comparator.comparing(Block::start).thenComparing(b -> b.rule().id());
        List<Day> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Block> blocks = byDay.get(day);
            blocks.sort(byStart);
            days.add(new Day(day, List.copyOf(blocks)));
        }
        return new WeekOfHours(List.copyOf(days));
    }

    public boolean isEmpty() {
        return days.stream().allMatch(Day::isEmpty);
    }
}
