package io.roomtone.payments.web;

import io.roomtone.payments.Ledger;
import io.roomtone.shared.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Ledger (admin)", description = "The studio's double-entry ledger")
@RestController
@RequestMapping("/api/admin/ledger")
class LedgerController {

    /**
     * @param totals per currency, the sum of all balances: zero in a ledger where every transaction
     *     balances
     */
    record Balances(Instant from, Instant to, List<Ledger.AccountBalance> accounts, Map<String, Long> totals) {}

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @Operation(
            summary = "The balance of every account for a period",
            description = "Debits, credits and balance (debits − credits, in cents) of each account over the "
                    + "transactions that occurred in [`from`, `to`). Per currency the balances sum to zero "
                    + "(`totals`): every transaction balances, and the database refuses one that does not.")
    @GetMapping("/balances")
    Balances balances(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        new Validation().require(from, "from").require(to, "to").throwIfInvalid();
        List<Ledger.AccountBalance> accounts = ledger.balances(from, to);
        Map<String, Long> totals = new TreeMap<>();
        accounts.forEach(a -> totals.merge(a.currency(), a.balanceCents(), Long::sum));
        return new Balances(from, to, accounts, totals);
    }
}
