package io.roomtone.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

/** How a typed amount is read, and what a studio owner is told when it cannot be. */
class FormInputTests {

    private static FormInput typed(String field, String value) {
        LinkedMultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        values.add(field, value);
        return new FormInput(values);
    }

    @Test
    void readsAmountsInTheirSmallestUnit() {
        assertThat(typed("price", "49.50").money("price", "CAD")).isEqualTo(4_950L);
        assertThat(typed("price", "1.500").money("price", "CAD")).isEqualTo(150L);
        assertThat(typed("price", "1e2").money("price", "CAD")).isEqualTo(10_000L);
        assertThat(typed("price", "0").money("price", "CAD")).isZero();
        assertThat(typed("tax", "13.5").scaled("tax", 2)).isEqualTo(1_350L);
        assertThat(typed("price", "500").money("price", "JPY")).isEqualTo(500L);
        // the largest amount of cents a long holds still reads
        assertThat(typed("price", "92233720368547758.07").money("price", "CAD")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aHugeAmountIsTooLargeNotAQuestionOfDecimals() {
        for (String huge :
                new String[] {"99999999999999999999", "92233720368547758.08", "1e30", "1e999999999", "1e2147483647"}) {
            FormInput form = typed("price", huge);
            assertThat(form.money("price", "CAD")).as(huge).isNull();
            assertThat(form.problems()).as(huge).containsEntry("price", "is too large: type a smaller number");
        }
        FormInput whole = typed("days", "99999999999999999999");
        assertThat(whole.scaled("days", 0)).isNull();
        assertThat(whole.problems()).containsEntry("days", "is too large: type a smaller number");
    }

    @Test
    void anAbsurdExponentIsRefusedAtOnce() {
        long started = System.nanoTime();
        FormInput tiny = typed("price", "1e-999999999");
        FormInput large = typed("price", "9e999999999");
        assertThat(tiny.money("price", "CAD")).isNull();
        assertThat(large.money("price", "CAD")).isNull();
        // scaling such a number would take hours; ten seconds leave room for a busy machine
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(tiny.problems()).containsEntry("price", "must be a number with at most 2 decimals");
    }

    @Test
    void otherMistakesKeepTheirOwnWords() {
        FormInput decimals = typed("fee", "1.005");
        assertThat(decimals.money("fee", "CAD")).isNull();
        assertThat(decimals.problems()).containsEntry("fee", "must be a number with at most 2 decimals");

        FormInput negative = typed("fee", "-1");
        assertThat(negative.money("fee", "CAD")).isNull();
        assertThat(negative.problems()).containsEntry("fee", "must be 0 or more");

        FormInput words = typed("fee", "ten");
        assertThat(words.money("fee", "CAD")).isNull();
        assertThat(words.problems()).containsEntry("fee", "must be a number");

        FormInput fraction = typed("days", "1.5");
        assertThat(fraction.scaled("days", 0)).isNull();
        assertThat(fraction.problems()).containsEntry("days", "must be a whole number");
    }
}
