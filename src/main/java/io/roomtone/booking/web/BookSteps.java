package io.roomtone.booking.web;

import io.roomtone.booking.DecisionDeadline;
import io.roomtone.booking.Quotes;
import io.roomtone.scheduling.CancellationPolicy;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.RoomtoneException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What every screen of the booking step shows besides the slot: the price (from {@link Quotes},
 * priced exactly as the booking will be) and the studio's policies with real dates. It also says
 * which field of the page a problem of the API belongs next to.
 */
@Component
class BookSteps {

    /** A refund tier: cancelling before {@code until} (null: any later) refunds {@code percent}. */
    record Tier(Instant until, int percent) {}

    /**
     * The policies a booking of {@code start} would be made under, dated.
     *
     * @param freeMovesUntil the last moment a free reschedule can be made (null when none is free)
     * @param decisionBy when the studio answers a request at the latest (null: no approval needed)
     */
    record Policy(
            List<Tier> tiers,
            int freeMoves,
            Instant freeMovesUntil,
            long moveFeeCents,
            String currency,
            boolean approvalRequired,
            Instant decisionBy,
            String taxPercent,
            int depositPercent,
            int holdMinutes) {}

    private final Quotes quotes;
    private final StudioPolicies policies;
    private final Clock clock;

    BookSteps(Quotes quotes, StudioPolicies policies, Clock clock) {
        this.quotes = quotes;
        this.policies = policies;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** The price of {@code choice} with {@code addOns}; a refusal's problems go into {@code problems}. */
    Optional<Quotes.Quote> quote(BookChoice choice, AddOnChoice addOns, Map<String, String> problems) {
        if (!addOns.problems().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(quotes.quote(new Quotes.QuoteRequest(
                    choice.room().id(),
                    null,
                    choice.start(),
                    choice.minutes(),
                    choice.staffIds(),
                    null,
                    addOns.items(choice.service()))));
        } catch (RoomtoneException e) {
            addProblems(e, addOns, problems);
            return Optional.empty();
        }
    }

    Policy policy(Instant start) {
        StudioSettings settings = policies.current();
        List<Tier> tiers = new ArrayList<>();
        List<CancellationPolicy.RefundTier> refundTiers =
                settings.cancellationPolicy().tiers();
        for (CancellationPolicy.RefundTier tier : refundTiers) {
            tiers.add(new Tier(
                    tier.minHoursBefore() == 0 ? null : start.minus(Duration.ofHours(tier.minHoursBefore())),
                    tier.refundPercent()));
        }
        var moves = settings.reschedulePolicy();
        return new Policy(
                tiers,
                moves.freeReschedules(),
                moves.freeReschedules() == 0 ? null : start.minus(Duration.ofHours(moves.freeMinHoursBefore())),
                moves.feeCents(),
                settings.currency(),
                settings.approvalRequired(),
                settings.approvalRequired() ? DecisionDeadline.of(start, settings, now()) : null,
                BigDecimal.valueOf(settings.taxRateBps(), 2)
                        .stripTrailingZeros()
                        .toPlainString(),
                settings.depositPercent(),
                settings.holdMinutes());
    }

    /**
     * Puts the field problems of {@code refusal} next to the page's fields (a problem without a
     * field, or of a field the page does not have, under {@code ""}: shown at the top).
     */
    static void addProblems(RoomtoneException refusal, AddOnChoice addOns, Map<String, String> problems) {
        if (refusal.fieldProblems().isEmpty()) {
            problems.putIfAbsent("", refusal.getMessage());
        }
        for (FieldProblem problem : refusal.fieldProblems()) {
            String field = pageField(problem.field(), addOns);
            // a field the page has no input for is named in the message at the top
            problems.putIfAbsent(
                    field, field.isEmpty() ? problem.field() + " " + problem.message() : problem.message());
        }
    }

    static String pageField(String apiField, AddOnChoice addOns) {
        return addOns.fieldOf(apiField).orElseGet(() -> switch (apiField) {
            case "room_id" -> "room";
            case "start_at" -> "start";
            case "end_at", "duration_min" -> "end";
            case "staff_ids" -> "staff";
            case "notes" -> "notes";
            // the service's questions are asked on the page under their API names
            default -> apiField.startsWith("custom_fields.") ? apiField : "";
        });
    }
}
