package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentOperation.Kind;
import io.roomtone.payments.PaymentOperation.Status;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger against the processor, for a period: Stripe's balance transactions (charges, refunds,
 * and the fee of each) matched to our card operations — a charge by its payment intent (our
 * operation's provider ref), a refund by its id, a fee by its balance transaction — and every
 * difference listed with its purchase. After any sequence of operations the target is none.
 *
 * <p>Reading is side-effect free; {@link #importFees} first records the fees Stripe reports that the
 * ledger lacks (each once), then reads. Stripe is asked outside any database transaction.
 */
@Service
public class Reconciliation {

    /** Periods up to this long (Stripe's list is paged through in full). */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    /**
     * How far around the period Stripe's list is read to find the other side of a movement: Stripe
     * books a charge a moment before we record it, so one near a boundary falls on the other side.
     */
    static final Duration MARGIN = Duration.ofDays(1);

    public enum Kind {
        CHARGE,
        REFUND,
        FEE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Reason {
        /** The processor moved money the ledger does not show. */
        MISSING_IN_LEDGER,
        /** The ledger shows money the processor did not move. */
        MISSING_AT_PROVIDER,
        AMOUNT_DIFFERS;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One difference: what the processor and the ledger say about one movement.
     *
     * @param reference the purchase (a booking's id), when known
     * @param label what the reference is (a booking's code), when its owner says
     * @param providerId Stripe's object: a payment intent, a refund or a balance transaction
     */
    public record Difference(
            Kind kind,
            Reason reason,
            UUID reference,
            String label,
            String providerId,
            String currency,
            long providerCents,
            long ledgerCents) {

        @com.fasterxml.jackson.annotation.JsonProperty("delta_cents")
        public long deltaCents() {
            return providerCents - ledgerCents;
        }
    }

    /** Per currency, what the processor and the ledger say over the movements compared. */
    public record Totals(
            String currency,
            long providerChargesCents,
            long ledgerChargesCents,
            long providerRefundsCents,
            long ledgerRefundsCents,
            long providerFeesCents,
            long ledgerFeesCents) {

        @com.fasterxml.jackson.annotation.JsonProperty("provider_net_cents")
        public long providerNetCents() {
            return providerChargesCents - providerRefundsCents - providerFeesCents;
        }

        @com.fasterxml.jackson.annotation.JsonProperty("ledger_net_cents")
        public long ledgerNetCents() {
            return ledgerChargesCents - ledgerRefundsCents - ledgerFeesCents;
        }
    }

    /**
     * The comparison of a period. {@code configured} false: Stripe is off, nothing to compare.
     *
     * @param feesImported fees recorded by this run ({@link #importFees}); 0 for a plain read
     */
    public record Report(
            boolean configured,
            Instant from,
            Instant to,
            int compared,
            List<Totals> totals,
            List<Difference> differences,
            int feesImported) {

        @com.fasterxml.jackson.annotation.JsonProperty("matches")
        public boolean matches() {
            return differences.isEmpty();
        }
    }

    private final StripeGateway stripe;
    private final ProcessorFees fees;
    private final JdbcClient jdbc;
    private final ObjectProvider<ReferenceLabels> labels;
    private final TransactionTemplate reads;

    Reconciliation(
            StripeGateway stripe,
            ProcessorFees fees,
            JdbcClient jdbc,
            ObjectProvider<ReferenceLabels> labels,
            PlatformTransactionManager transactionManager) {
        this.stripe = stripe;
        this.fees = fees;
        this.jdbc = jdbc;
        this.labels = labels;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
    }

    /** Whether there is a processor to reconcile with. */
    public boolean available() {
        return stripe.configured();
    }

    /** Compares the ledger with Stripe over {@code [from, to)}; changes nothing. */
    public Report reconcile(Instant from, Instant to) {
        check(from, to);
        if (!stripe.configured()) {
            return new Report(false, from, to, 0, List.of(), List.of(), 0);
        }
        return compare(from, to, ours(from, to), 0);
    }

    /**
     * Records every fee of the period Stripe reports and the ledger lacks (once each, whatever runs
     * at the same time), then compares as {@link #reconcile} does.
     */
    public Report importFees(Instant from, Instant to) {
        check(from, to);
        if (!stripe.configured()) {
            return new Report(false, from, to, 0, List.of(), List.of(), 0);
        }
        Ours ours = ours(from, to);
        int imported = 0;
        Map<String, ProcessorFees.Recorded> recorded = fees.of(
                ours.entries.stream().map(StripeGateway.BalanceEntry::id).toList());
        for (StripeGateway.BalanceEntry entry : ours.entries) {
            boolean inPeriod =
                    !entry.created().isBefore(from) && entry.created().isBefore(to);
            if (inPeriod && entry.fee() != 0 && !recorded.containsKey(entry.id())) {
                if (fees.record(entry, ours.referenceOf(entry))) {
                    imported++;
                }
            }
        }
        // the operations are as they were; compare() reads the fees again, with those just recorded
        return compare(from, to, ours, imported);
    }

    private static void check(Instant from, Instant to) {
        new Validation().require(from, "from").require(to, "to").throwIfInvalid();
        new Validation()
                .check(TimeBounds.contains(from), "from", "is out of range")
                .check(TimeBounds.contains(to), "to", "is out of range")
                .throwIfInvalid();
        new Validation()
                .check(from.isBefore(to), "to", "must be after from")
                .check(
                        !from.isBefore(to) || Duration.between(from, to).compareTo(MAX_PERIOD) <= 0,
                        "to",
                        "must be at most " + MAX_PERIOD.toDays() + " days after from")
                .throwIfInvalid();
    }

    /** The studio's side and Stripe's entries that belong to this studio, around the period. */
    private final class Ours {
        final List<StripeGateway.BalanceEntry> entries = new ArrayList<>();
        final Map<String, List<PaymentOperation>> opsByRef = new HashMap<>();
        final List<PaymentOperation> settledInPeriod;

        Ours(List<PaymentOperation> settledInPeriod) {
            this.settledInPeriod = settledInPeriod;
        }

        UUID referenceOf(StripeGateway.BalanceEntry entry) {
            String ref = "refund".equals(entry.sourceKind()) ? entry.sourceId() : entry.paymentIntent();
            List<PaymentOperation> ops = ref == null ? null : opsByRef.get(ref);
            if (ops != null && !ops.isEmpty()) {
                return ops.get(0).reference();
            }
            return uuid(entry.reference()).orElse(null);
        }
    }

    private Ours ours(Instant from, Instant to) {
        Instant wideFrom = TimeBounds.contains(from.minus(MARGIN)) ? from.minus(MARGIN) : from;
        Instant wideTo = TimeBounds.contains(to.plus(MARGIN)) ? to.plus(MARGIN) : to;
        List<StripeGateway.BalanceEntry> all;
        try {
            all = stripe.balanceTransactions(wideFrom, wideTo);
        } catch (StripeGateway.ProviderException e) {
            throw new RoomtoneException(
                    ProblemCode.PROVIDER_UNAVAILABLE, "Stripe did not answer the reconciliation: " + e.getMessage());
        }
        Set<String> refs = new HashSet<>();
        for (StripeGateway.BalanceEntry e : all) {
            if (e.paymentIntent() != null) {
                refs.add(e.paymentIntent());
            }
            if ("refund".equals(e.sourceKind()) && e.sourceId() != null) {
                refs.add(e.sourceId());
            }
        }
        // our card movements: those Stripe names, and those we settled in the period (Stripe may lack them)
        List<PaymentOperation> named = reads.execute(tx -> jdbc.sql(SELECT + " AND o.provider_ref = ANY(:refs)")
                .param("studio", Tenancy.currentStudioId())
                .param("refs", refs.toArray(String[]::new))
                .query(OperationStore::map)
                .list());
        List<PaymentOperation> settled = reads.execute(
                tx -> jdbc.sql(SELECT + " AND o.status = 'succeeded' AND o.settled_at >= :from AND o.settled_at < :to")
                        .param("studio", Tenancy.currentStudioId())
                        .param("from", Timestamp.from(from))
                        .param("to", Timestamp.from(to))
                        .query(OperationStore::map)
                        .list());
        Ours ours = new Ours(settled);
        for (PaymentOperation op : named) {
            ours.opsByRef
                    .computeIfAbsent(op.providerRef(), r -> new ArrayList<>())
                    .add(op);
        }
        String studio = Tenancy.currentStudioId().toString();
        Map<String, Map<String, String>> intentMetadata = new HashMap<>();
        for (StripeGateway.BalanceEntry e : all) {
            if (!"charge".equals(e.sourceKind()) && !"refund".equals(e.sourceKind())) {
                continue; // payouts, adjustments, account fees: not a purchase's movement
            }
            String ref = "refund".equals(e.sourceKind()) ? e.sourceId() : e.paymentIntent();
            boolean known = ref != null && ours.opsByRef.containsKey(ref);
            if (!known && e.paymentIntent() != null && (e.studioId() == null || e.reference() == null)) {
                // a charge need not carry its intent's metadata: ask the intent (once per run)
                Map<String, String> meta = intentMetadata.computeIfAbsent(e.paymentIntent(), this::metadataOf);
                e = new StripeGateway.BalanceEntry(
                        e.id(),
                        e.type(),
                        e.amount(),
                        e.fee(),
                        e.net(),
                        e.currency(),
                        e.created(),
                        e.sourceKind(),
                        e.sourceId(),
                        e.paymentIntent(),
                        e.studioId() != null ? e.studioId() : meta.get("studio_id"),
                        e.reference() != null ? e.reference() : meta.get("reference"));
            }
            String owner = e.studioId();
            // another studio's movement on a shared Stripe account is not ours to compare; one that
            // names no studio at all is listed (better a false alarm than a missing charge)
            if (known || owner == null || owner.equals(studio)) {
                ours.entries.add(e);
            }
        }
        return ours;
    }

    private Map<String, String> metadataOf(String intentId) {
        try {
            return stripe.intentMetadata(intentId);
        } catch (StripeGateway.ProviderException e) {
            return Map.of();
        }
    }

    private Report compare(Instant from, Instant to, Ours ours, int imported) {
        List<Difference> differences = new ArrayList<>();
        Map<String, long[]> totals = new TreeMap<>();
        Set<String> seenProviderIds = new HashSet<>();
        // provider side, in the period, summed per payment intent (charges) and per refund
        Map<String, long[]> charged = new LinkedHashMap<>();
        Map<String, long[]> refunded = new LinkedHashMap<>();
        Map<String, String> currencyOf = new HashMap<>();
        List<StripeGateway.BalanceEntry> feeEntries = new ArrayList<>();
        for (StripeGateway.BalanceEntry e : ours.entries) {
            String key = "refund".equals(e.sourceKind()) ? e.sourceId() : e.paymentIntent();
            if (key == null) {
                key = e.sourceId();
            }
            seenProviderIds.add(key);
            if (e.created().isBefore(from) || !e.created().isBefore(to)) {
                continue;
            }
            currencyOf.put(key, e.currency());
            if ("refund".equals(e.sourceKind())) {
                refunded.computeIfAbsent(key, k -> new long[1])[0] -= e.amount(); // refunds are negative
            } else {
                charged.computeIfAbsent(key, k -> new long[1])[0] += e.amount();
            }
            if (e.fee() != 0) {
                feeEntries.add(e);
            }
        }
        for (Map.Entry<String, long[]> c : charged.entrySet()) {
            long ledger = sum(ours.opsByRef.get(c.getKey()), Kind.CHARGE);
            String currency = currencyOf.get(c.getKey());
            add(totals, currency, 0, c.getValue()[0], ledger);
            differ(differences, Kind.CHARGE, c.getKey(), ours, currency, c.getValue()[0], ledger);
        }
        for (Map.Entry<String, long[]> r : refunded.entrySet()) {
            long ledger = sum(ours.opsByRef.get(r.getKey()), Kind.REFUND);
            String currency = currencyOf.get(r.getKey());
            add(totals, currency, 1, r.getValue()[0], ledger);
            differ(differences, Kind.REFUND, r.getKey(), ours, currency, r.getValue()[0], ledger);
        }
        Map<String, ProcessorFees.Recorded> recorded = fees.of(
                ours.entries.stream().map(StripeGateway.BalanceEntry::id).toList());
        for (StripeGateway.BalanceEntry e : feeEntries) {
            ProcessorFees.Recorded fee = recorded.get(e.id());
            long ledger = fee == null ? 0 : fee.feeCents();
            add(totals, e.currency(), 2, e.fee(), ledger);
            if (ledger != e.fee()) {
                differences.add(new Difference(
                        Kind.FEE,
                        fee == null ? Reason.MISSING_IN_LEDGER : Reason.AMOUNT_DIFFERS,
                        ours.referenceOf(e),
                        null,
                        e.id(),
                        e.currency(),
                        e.fee(),
                        ledger));
            }
        }
        // ledger side: what we settled in the period that Stripe's list (around it) does not show
        for (PaymentOperation op : ours.settledInPeriod) {
            Kind kind = op.kind() == PaymentOperation.Kind.REFUND ? Kind.REFUND : Kind.CHARGE;
            if (op.providerRef() != null && seenProviderIds.contains(op.providerRef())) {
                continue;
            }
            add(totals, op.currency(), kind == Kind.REFUND ? 1 : 0, 0, op.amountCents());
            differences.add(new Difference(
                    kind,
                    Reason.MISSING_AT_PROVIDER,
                    op.reference(),
                    null,
                    op.providerRef(),
                    op.currency(),
                    0,
                    op.amountCents()));
        }
        Set<String> listedIds = new HashSet<>();
        ours.entries.forEach(e -> listedIds.add(e.id()));
        for (ProcessorFees.Recorded fee : fees.between(from, to)) {
            if (!listedIds.contains(fee.balanceTransactionId())) {
                add(totals, fee.currency(), 2, 0, fee.feeCents());
                differences.add(new Difference(
                        Kind.FEE,
                        Reason.MISSING_AT_PROVIDER,
                        fee.reference(),
                        null,
                        fee.balanceTransactionId(),
                        fee.currency(),
                        0,
                        fee.feeCents()));
            }
        }
        List<Difference> labelled = label(differences);
        List<Totals> sums = totals.entrySet().stream()
                .map(t -> new Totals(
                        t.getKey(),
                        t.getValue()[0],
                        t.getValue()[1],
                        t.getValue()[2],
                        t.getValue()[3],
                        t.getValue()[4],
                        t.getValue()[5]))
                .toList();
        return new Report(
                true, from, to, charged.size() + refunded.size() + feeEntries.size(), sums, labelled, imported);
    }

    /** What the ledger holds for a Stripe object: succeeded money in (charges, captures) or refunds. */
    private static long sum(List<PaymentOperation> ops, Kind kind) {
        if (ops == null) {
            return 0;
        }
        return ops.stream()
                .filter(o -> o.status() == Status.SUCCEEDED)
                .filter(o -> kind == Kind.REFUND
                        ? o.kind() == PaymentOperation.Kind.REFUND
                        : o.kind() == PaymentOperation.Kind.CHARGE || o.kind() == PaymentOperation.Kind.CAPTURE)
                .mapToLong(PaymentOperation::amountCents)
                .sum();
    }

    private static void differ(
            List<Difference> differences,
            Kind kind,
            String providerId,
            Ours ours,
            String currency,
            long provider,
            long ledger) {
        if (provider == ledger) {
            return;
        }
        List<PaymentOperation> ops = ours.opsByRef.get(providerId);
        UUID reference = ops == null || ops.isEmpty() ? null : ops.get(0).reference();
        if (reference == null) {
            reference = ours.entries.stream()
                    .filter(e -> providerId.equals(e.paymentIntent()) || providerId.equals(e.sourceId()))
                    .map(e -> uuid(e.reference()).orElse(null))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }
        differences.add(new Difference(
                kind,
                ledger == 0 ? Reason.MISSING_IN_LEDGER : Reason.AMOUNT_DIFFERS,
                reference,
                null,
                providerId,
                currency,
                provider,
                ledger));
    }

    /** Adds to the totals of {@code currency}: slot 0 charges, 1 refunds, 2 fees. */
    private static void add(Map<String, long[]> totals, String currency, int slot, long provider, long ledger) {
        long[] t = totals.computeIfAbsent(currency, c -> new long[6]);
        t[slot * 2] += provider;
        t[slot * 2 + 1] += ledger;
    }

    private List<Difference> label(List<Difference> differences) {
        Set<UUID> references = new HashSet<>();
        differences.forEach(d -> {
            if (d.reference() != null) {
                references.add(d.reference());
            }
        });
        Map<UUID, String> names = new HashMap<>();
        if (!references.isEmpty()) {
            labels.orderedStream().forEach(l -> reads.executeWithoutResult(tx -> names.putAll(l.labels(references))));
        }
        return differences.stream()
                .map(d -> new Difference(
                        d.kind(),
                        d.reason(),
                        d.reference(),
                        d.reference() == null ? null : names.get(d.reference()),
                        d.providerId(),
                        d.currency(),
                        d.providerCents(),
                        d.ledgerCents()))
                .sorted(Comparator.comparing(Difference::currency, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(d -> d.kind().ordinal())
                        .thenComparing(Difference::providerId, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private static final String SELECT =
            """
            SELECT o.*, p.currency FROM payment_operation o
              JOIN purchase p ON p.studio_id = o.studio_id AND p.reference = o.reference
             WHERE o.studio_id = :studio AND o.gateway = 'stripe' AND o.kind IN ('charge', 'capture', 'refund')
            """;

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
