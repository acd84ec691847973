package io.roomtone.payments.web;

import io.roomtone.payments.Reconciliation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Reconciliation (admin)", description = "The ledger against the payment processor")
@RestController
@RequestMapping("/api/admin/reconciliation")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Operation(
            summary = "Reconcile the ledger with Stripe for a period",
            description = "Stripe's balance transactions created in [`from`, `to`) (at most 366 days) matched to the "
                    + "studio's card operations: charges by payment intent, refunds by refund id, fees by balance "
                    + "transaction. `differences` lists each mismatch with its reference (a booking's id), `label` "
                    + "(the booking's code), the provider's object id, both amounts in cents and a `reason` "
                    + "(`missing_in_ledger`, `missing_at_provider`, `amount_differs`); `totals` per currency. "
                    + "Reading changes nothing (fees the ledger lacks are listed; `POST …/fees` records them). "
                    + "`configured: false` when Stripe is not configured (nothing to compare, not an error); "
                    + "503 `provider_unavailable` when Stripe does not answer.")
    @GetMapping
    Reconciliation.Report reconcile(
            @Parameter(description = "start of the period (inclusive), an instant") @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "end of the period (exclusive), an instant") @RequestParam(required = false)
                    Instant to) {
        return reconciliation.reconcile(from, to);
    }

    @Operation(
            summary = "Record Stripe's fees of a period, then reconcile",
            description = "Records the fee of every Stripe balance transaction of [`from`, `to`) the ledger lacks — "
                    + "debit `processor_fees`, credit `processor_clearing` (reversed for a fee given back), once per "
                    + "balance transaction however often or concurrently this runs — then answers as `GET` does, "
                    + "with `fees_imported`. Fees are also recorded as each card payment or refund settles; this "
                    + "catches whatever that missed.")
    @PostMapping("/fees")
    Reconciliation.Report importFees(
            @Parameter(description = "start of the period (inclusive), an instant") @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "end of the period (exclusive), an instant") @RequestParam(required = false)
                    Instant to) {
        return reconciliation.importFees(from, to);
    }
}
