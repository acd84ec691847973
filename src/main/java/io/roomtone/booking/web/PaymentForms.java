package io.roomtone.booking.web;

import io.roomtone.payments.PaymentMethod;
import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reading the desk's payment and refund forms: each parser records what is wrong with its field in
 * the {@link FormInput} (named as the API names it, in the API's words) and answers null, so that the
 * page names every bad field at once and stays a 4xx page. The rules themselves are the service's.
 */
final class PaymentForms {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\b\\d+\\b");

    private PaymentForms() {}

    /**
     * Runs {@code move} with the service's refusals of {@code amount_cents} told in the currency's
     * units, as the form's amount field is typed: "must be at most 1000, what is still owed" becomes
     * "must be at most 10.00, …" next to a field where 1000 would read as a thousand.
     */
    static void inUnits(String currency, Runnable move) {
        try {
            move.run();
        } catch (RoomtoneException e) {
            if (e.fieldProblems().stream().noneMatch(p -> p.field().equals("amount_cents"))) {
                throw e;
            }
            int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
            throw new RoomtoneException(
                    e.code(),
                    e.getMessage(),
                    e.fieldProblems().stream()
                            .map(p -> p.field().equals("amount_cents")
                                    ? new FieldProblem(
                                            p.field(),
                                            WHOLE_NUMBER.matcher(p.message()).replaceAll(m -> new BigDecimal(m.group())
                                                    .movePointLeft(digits)
                                                    .toPlainString()))
                                    : p)
                            .toList(),
                    e.properties());
        }
    }

    /** When the money was received: a studio wall-clock time, or now when left blank (as in the API). */
    static Instant receivedAt(FormInput input, ZoneId zone, Instant now) {
        LocalDateTime at = input.dateTime("received_at");
        if (at != null) {
            return at.atZone(zone).toInstant();
        }
        return input.text("received_at") == null ? now : null;
    }

    static Map<String, String> typed(FormInput input, String... names) {
        Map<String, String> typed = new HashMap<>();
        for (String name : names) {
            typed.put(name, input.text(name) == null ? "" : input.text(name));
        }
        return typed;
    }

    /** The form's amount in the currency's units, as cents; required. */
    static Long amount(FormInput input, String currency) {
        if (input.text("amount") == null) {
            input.problem("amount", "is required");
            return null;
        }
        return input.money("amount", currency);
    }

    /** The methods a person records by hand, named as the API names them (a card online comes from the processor). */
    static PaymentMethod method(FormInput input) {
        String code = input.text("method");
        var method = Arrays.stream(PaymentMethod.values())
                .filter(m -> m != PaymentMethod.CARD_ONLINE && m.code().equals(code))
                .findFirst();
        if (method.isEmpty()) {
            input.problem("method", "must be one of cash, card_terminal, bank_transfer, other");
        }
        return method.orElse(null);
    }

    /** The form's own operation id; a form posted without one (not from this page) gets a fresh one. */
    static UUID operation(FormInput input) {
        String text = input.text("operation");
        if (text == null) {
            return UUID.randomUUID();
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            input.problem("operation", "is not valid; reload the page and try again");
            return null;
        }
    }
}
