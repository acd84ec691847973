package io.roomtone.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The split of a credit or a fee into net and tax: half-up on the tax, parts summing exactly. */
class InvoiceArithmeticTests {

    @Test
    void taxIsRoundedHalfUpAndTheNetIsTheRest() {
        // 13 % tax: an invoice of 100.00 net + 13.00 tax
        assertThat(InvoiceLifecycle.split(11_300, 1_300, 11_300)).isEqualTo(new InvoiceLifecycle.Split(10_000, 1_300));
        // 5.00 of 113.00: tax 0.575... -> 0.58
        assertThat(InvoiceLifecycle.split(500, 1_300, 11_300)).isEqualTo(new InvoiceLifecycle.Split(442, 58));
        // exactly half a cent rounds up: 1 cent of a 50 % tax invoice
        assertThat(InvoiceLifecycle.split(1, 1, 2)).isEqualTo(new InvoiceLifecycle.Split(0, 1));
    }

    @Test
    void withoutTaxEverythingIsNet() {
        assertThat(InvoiceLifecycle.split(700, 0, 10_000)).isEqualTo(new InvoiceLifecycle.Split(700, 0));
        assertThat(InvoiceLifecycle.split(700, 0, 0)).isEqualTo(new InvoiceLifecycle.Split(700, 0));
    }

    @Test
    void thePartsAlwaysSumToTheAmountAndNeverGoNegative() {
        Random random = new Random(20261130L);
        for (int i = 0; i < 10_000; i++) {
            long net = random.nextInt(1_000_000);
            long tax = random.nextInt(300_000);
            long total = net + tax;
            long amount = total == 0 ? 0 : 1 + (long) random.nextInt((int) Math.min(total, Integer.MAX_VALUE));
            InvoiceLifecycle.Split split = InvoiceLifecycle.split(amount, tax, total);
            assertThat(split.net() + split.tax())
                    .as("seed 20261130, case %d", i)
                    .isEqualTo(amount);
            assertThat(split.net()).isNotNegative();
            assertThat(split.tax()).isNotNegative().isLessThanOrEqualTo(tax);
        }
    }
}
