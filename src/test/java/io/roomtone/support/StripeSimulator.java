package io.roomtone.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stateful Stripe for tests, as a WireMock extension: it keeps payment intents, charges, refunds
 * and balance transactions in memory and answers what stripe-java asks — create, retrieve, capture
 * and cancel a payment intent; create and retrieve a refund; list balance transactions (created
 * bounds, pages, {@code expand[]=data.source}) — with Stripe's fee on every charge (2.9 % + 30
 * cents, by default) and Stripe's idempotency: a request repeated with the same key gets the first
 * answer, and one key never makes two objects.
 *
 * <p>What the browser does (the client completing the Payment Element) is a method: {@link
 * #confirm}. Money Stripe moved that Roomtone never asked for ({@link #chargeOutsideRoomtone}) and a
 * balance transaction altered after the fact ({@link #alter}) make differences for reconciliation
 * tests.
 *
 * <p>Off-session charges (a saved card charged without the client) fit in {@link #createIntent}:
 * {@code confirm=true} with a {@code payment_method} confirms at once through {@link #confirmLocked};
 * {@code customer}, {@code payment_method} and {@code off_session} are kept on the intent.
 */
public final class StripeSimulator implements ResponseDefinitionTransformerV2 {

    /** Stripe's fee of a charge of {@code amount} cents: 2.9 % (half up) + 30 cents. */
    public static long standardFee(long amount) {
        return (amount * 29 + 500) / 1000 + 30;
    }

    static final class Intent {
        String id;
        long amount;
        String currency;
        String captureMethod;
        String status = "requires_payment_method";
        long amountCapturable;
        long amountReceived;
        Map<String, String> metadata = new LinkedHashMap<>();
        String latestCharge;
        String lastError;
        String customer;
        String paymentMethod;
        boolean offSession;
        long created;
    }

    static final class Charge {
        String id;
        String intent;
        long amount;
        long amountCaptured;
        long amountRefunded;
        boolean captured;
        String currency;
        String balanceTransaction;
    }

    static final class Refund {
        String id;
        String intent;
        String charge;
        long amount;
        String currency;
        String status;
        Map<String, String> metadata = new LinkedHashMap<>();
        String balanceTransaction;
    }

    /** One entry of the balance; {@code studio} is the studio of the intent it belongs to (for tests). */
    static final class BalanceTransaction {
        String id;
        String type;
        long amount;
        long fee;
        String currency;
        long created;
        String source;
        String studio;
        long seq;

        long net() {
            return amount - fee;
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Intent> intents = new HashMap<>();
    private final Map<String, Charge> charges = new HashMap<>();
    private final Map<String, Refund> refunds = new HashMap<>();
    private final Map<String, BalanceTransaction> balance = new LinkedHashMap<>();
    private final Map<String, ResponseDefinition> idempotent = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile java.util.function.LongUnaryOperator fee = StripeSimulator::standardFee;
    private volatile java.util.function.LongUnaryOperator refundFee = amount -> 0;
    private volatile boolean down;
    private volatile boolean refuseExpansions;
    private WireMockServer server;

    /** Starts a WireMock server that is this simulator; stripe-java's api base is {@link #baseUrl()}. */
    public static StripeSimulator launch() {
        StripeSimulator simulator = new StripeSimulator();
        simulator.server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(simulator));
        simulator.server.start();
        simulator.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse()));
        return simulator;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    public void stop() {
        server.stop();
    }

    /** Changes the fee Stripe takes of a charge (cents of the amount). */
    public void feeOf(java.util.function.LongUnaryOperator fee) {
        this.fee = fee;
    }

    /** While {@code down}, every call is answered 500 (Stripe unavailable). */
    public void down(boolean down) {
        this.down = down;
    }

    /**
     * While on, a retrieve that expands (the fee lookup after a payment settles) is answered 500;
     * everything else, including the list of balance transactions, works.
     */
    public void refuseExpansions(boolean refuse) {
        this.refuseExpansions = refuse;
    }

    /** Gives back, on each refund, the part of the fee {@code returned} says (cents of the refunded amount). */
    public void returnFeesOnRefunds(java.util.function.LongUnaryOperator returned) {
        this.refundFee = returned;
    }

    @Override
    public String getName() {
        return "stripe-simulator";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String method = request.getMethod().getName();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (url.contains("?")) {
            parse(url.substring(url.indexOf('?') + 1), params);
        }
        if ("POST".equals(method)) {
            parse(request.getBodyAsString(), params);
        }
        String key = request.getHeader("Idempotency-Key");
        if (down
                || (refuseExpansions
                        && "GET".equals(method)
                        && url.contains("expand")
                        && !path.endsWith("/balance_transactions"))) {
            return error(500, "api_error", "Stripe is having a bad day");
        }
        synchronized (this) {
            if ("POST".equals(method) && key != null && idempotent.containsKey(key + " " + path)) {
                return idempotent.get(key + " " + path);
            }
            ResponseDefinition answer;
            try {
                answer = route(method, path.split("/"), params);
            } catch (StripeError e) {
                answer = error(e.status, e.type, e.getMessage());
            }
            if ("POST".equals(method) && key != null && answer.getStatus() < 500) {
                idempotent.put(key + " " + path, answer);
            }
            return answer;
        }
    }

    private ResponseDefinition route(String method, String[] p, Map<String, List<String>> params) {
        // p: "", "v1", resource, id, action
        String resource = p.length > 2 ? p[2] : "";
        String id = p.length > 3 ? p[3] : null;
        String action = p.length > 4 ? p[4] : null;
        Object body =
                switch (method + " " + resource + (id == null ? "" : " :id") + (action == null ? "" : " " + action)) {
                    case "POST payment_intents" -> intentJson(createIntent(params), params);
                    case "GET payment_intents :id" -> intentJson(intent(id), params);
                    case "POST payment_intents :id capture" -> intentJson(capture(id, params), params);
                    case "POST payment_intents :id cancel" -> intentJson(cancel(id), params);
                    case "POST refunds" -> refundJson(createRefund(params), params, "");
                    case "GET refunds :id" -> refundJson(refund(id), params, "");
                    case "GET balance_transactions" -> listBalance(params);
                    case "GET balance_transactions :id" -> balanceJson(balanceTx(id), params, "");
                    default -> throw new StripeError(404, "invalid_request_error", "Unrecognized request URL");
                };
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + sequence.incrementAndGet())
                .withBody(json.writeValueAsString(body))
                .build();
    }

    // --- what stripe-java asks ---

    private Intent createIntent(Map<String, List<String>> params) {
        Intent intent = new Intent();
        intent.id = "pi_" + random();
        intent.amount = Long.parseLong(one(params, "amount"));
        if (intent.amount <= 0) {
            throw new StripeError(400, "invalid_request_error", "Amount must be positive");
        }
        intent.currency = one(params, "currency").toLowerCase(Locale.ROOT);
        intent.captureMethod = Objects.requireNonNullElse(one(params, "capture_method"), "automatic");
        intent.customer = one(params, "customer");
        intent.paymentMethod = one(params, "payment_method");
        intent.offSession = "true".equals(one(params, "off_session"));
        intent.created = Instant.now().getEpochSecond();
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                intent.metadata.put(k.substring(9, k.length() - 1), v.get(0));
            }
        });
        intents.put(intent.id, intent);
        if ("true".equals(one(params, "confirm")) && intent.paymentMethod != null) {
            confirmLocked(intent, true);
        }
        return intent;
    }

    private Intent intent(String id) {
        Intent intent = intents.get(id);
        if (intent == null) {
            throw new StripeError(404, "invalid_request_error", "No such payment_intent: '" + id + "'");
        }
        return intent;
    }

    private Intent capture(String id, Map<String, List<String>> params) {
        Intent intent = intent(id);
        if (!"requires_capture".equals(intent.status)) {
            throw new StripeError(
                    400,
                    "invalid_request_error",
                    "This PaymentIntent could not be captured because it has a status of " + intent.status + ".");
        }
        String requested = one(params, "amount_to_capture");
        long amount = requested == null ? intent.amountCapturable : Long.parseLong(requested);
        if (amount <= 0 || amount > intent.amountCapturable) {
            throw new StripeError(400, "invalid_request_error", "amount_to_capture is more than is capturable");
        }
        Charge charge = charges.get(intent.latestCharge);
        charge.captured = true;
        charge.amountCaptured = amount;
        charge.balanceTransaction =
                book("charge", amount, fee.applyAsLong(amount), intent.currency, charge.id, intent).id;
        intent.amountReceived = amount;
        intent.amountCapturable = 0;
        intent.status = "succeeded";
        return intent;
    }

    private Intent cancel(String id) {
        Intent intent = intent(id);
        if ("succeeded".equals(intent.status) || "canceled".equals(intent.status)) {
            throw new StripeError(
                    400,
                    "invalid_request_error",
                    "You cannot cancel this PaymentIntent because it has a status of " + intent.status + ".");
        }
        intent.status = "canceled";
        intent.amountCapturable = 0;
        return intent;
    }

    private Refund createRefund(Map<String, List<String>> params) {
        Intent intent = intent(one(params, "payment_intent"));
        Charge charge = intent.latestCharge == null ? null : charges.get(intent.latestCharge);
        if (charge == null || !charge.captured) {
            throw new StripeError(400, "invalid_request_error", "This PaymentIntent has no captured charge to refund.");
        }
        String requested = one(params, "amount");
        long amount = requested == null ? charge.amountCaptured - charge.amountRefunded : Long.parseLong(requested);
        if (amount <= 0 || amount > charge.amountCaptured - charge.amountRefunded) {
            throw new StripeError(
                    400,
                    "invalid_request_error",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge ("
                            + (charge.amountCaptured - charge.amountRefunded) + ")");
        }
        Refund refund = new Refund();
        refund.id = "re_" + random();
        refund.intent = intent.id;
        refund.charge = charge.id;
        refund.amount = amount;
        refund.currency = intent.currency;
        refund.status = "succeeded";
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                refund.metadata.put(k.substring(9, k.length() - 1), v.get(0));
            }
        });
        charge.amountRefunded += amount;
        // Stripe keeps its fee on a refund (the balance moves by the amount only), unless told to
        // give back a share of it ({@link #returnFeesOnRefunds}): a negative fee
        long returned = refundFee.applyAsLong(amount);
        refund.balanceTransaction = book("refund", -amount, -returned, intent.currency, refund.id, intent).id;
        refunds.put(refund.id, refund);
        return refund;
    }

    private Refund refund(String id) {
        Refund refund = refunds.get(id);
        if (refund == null) {
            throw new StripeError(404, "invalid_request_error", "No such refund: '" + id + "'");
        }
        return refund;
    }

    private BalanceTransaction balanceTx(String id) {
        BalanceTransaction tx = balance.get(id);
        if (tx == null) {
            throw new StripeError(404, "invalid_request_error", "No such balance transaction: '" + id + "'");
        }
        return tx;
    }

    /** Newest first, as Stripe lists, in pages of {@code limit} after {@code starting_after}. */
    private Map<String, Object> listBalance(Map<String, List<String>> params) {
        long gte = Long.parseLong(Objects.requireNonNullElse(one(params, "created[gte]"), "0"));
        long lt =
                Long.parseLong(Objects.requireNonNullElse(one(params, "created[lt]"), String.valueOf(Long.MAX_VALUE)));
        int limit = Integer.parseInt(Objects.requireNonNullElse(one(params, "limit"), "10"));
        String after = one(params, "starting_after");
        List<BalanceTransaction> all = balance.values().stream()
                .filter(t -> t.created >= gte && t.created < lt)
                .sorted(Comparator.comparingLong((BalanceTransaction t) -> t.created)
                        .thenComparingLong(t -> t.seq)
                        .reversed())
                .toList();
        int start = 0;
        if (after != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id.equals(after)) {
                    start = i + 1;
                }
            }
        }
        List<BalanceTransaction> page = all.subList(start, Math.min(all.size(), start + limit));
        List<Object> data = new ArrayList<>();
        for (BalanceTransaction t : page) {
            data.add(balanceJson(t, params, "data."));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("url", "/v1/balance_transactions");
        list.put("has_more", start + limit < all.size());
        list.put("data", data);
        return list;
    }

    // --- what the browser and the outside world do ---

    /** The client completes the payment of {@code intentId} in the browser: held (manual capture) or taken. */
    public synchronized void confirm(String intentId) {
        confirmLocked(intent(intentId), false);
    }

    /** The client's card is declined: the intent asks for another payment method. */
    public synchronized void decline(String intentId) {
        Intent intent = intent(intentId);
        intent.lastError = "Your card was declined.";
        intent.status = "requires_payment_method";
    }

    /** Confirms an intent: a charge authorized (held) or, with automatic capture, taken and booked. */
    void confirmLocked(Intent intent, boolean offSession) {
        if (!"requires_payment_method".equals(intent.status) && !"requires_confirmation".equals(intent.status)) {
            return;
        }
        Charge charge = new Charge();
        charge.id = "ch_" + random();
        charge.intent = intent.id;
        charge.amount = intent.amount;
        charge.currency = intent.currency;
        charges.put(charge.id, charge);
        intent.latestCharge = charge.id;
        intent.lastError = null;
        intent.offSession = intent.offSession || offSession;
        if ("manual".equals(intent.captureMethod)) {
            intent.status = "requires_capture";
            intent.amountCapturable = intent.amount;
        } else {
            charge.captured = true;
            charge.amountCaptured = intent.amount;
            charge.balanceTransaction = book(
                            "charge", intent.amount, fee.applyAsLong(intent.amount), intent.currency, charge.id, intent)
                    .id;
            intent.status = "succeeded";
            intent.amountReceived = intent.amount;
        }
    }

    /**
     * A charge Stripe booked that Roomtone never asked for (made in Stripe's dashboard, say) for
     * {@code studioId}; returns the payment intent.
     */
    public synchronized String chargeOutsideRoomtone(long amount, String currency, String studioId, String reference) {
        Intent intent = new Intent();
        intent.id = "pi_" + random();
        intent.amount = amount;
        intent.currency = currency.toLowerCase(Locale.ROOT);
        intent.captureMethod = "automatic";
        intent.created = Instant.now().getEpochSecond();
        intent.metadata.put("studio_id", studioId);
        if (reference != null) {
            intent.metadata.put("reference", reference);
        }
        intents.put(intent.id, intent);
        confirmLocked(intent, false);
        return intent.id;
    }

    /** Changes what a payment intent's charge moved, after the fact (a dispute, a bug at the processor). */
    public synchronized void alter(String intentId, long amount) {
        Charge charge = charges.get(intent(intentId).latestCharge);
        balance.get(charge.balanceTransaction).amount = amount;
    }

    // --- what tests read ---

    /** What Stripe holds for {@code studioId} in {@code currency}: the net of every balance transaction. */
    public synchronized long netBalance(String studioId, String currency) {
        return balance.values().stream()
                .filter(t -> studioId.equals(t.studio) && t.currency.equalsIgnoreCase(currency))
                .mapToLong(BalanceTransaction::net)
                .sum();
    }

    /** The fees Stripe took from {@code studioId}'s charges. */
    public synchronized long fees(String studioId, String currency) {
        return balance.values().stream()
                .filter(t -> studioId.equals(t.studio) && t.currency.equalsIgnoreCase(currency))
                .mapToLong(t -> t.fee)
                .sum();
    }

    /** The ids of {@code studioId}'s payment intents. */
    public synchronized List<String> intentsOf(String studioId) {
        return intents.values().stream()
                .filter(i -> studioId.equals(i.metadata.get("studio_id")))
                .map(i -> i.id)
                .toList();
    }

    /** The intent of a Roomtone reference (a booking id), if Stripe has one. */
    public synchronized java.util.Optional<String> intentOfReference(String reference) {
        return intents.values().stream()
                .filter(i -> reference.equals(i.metadata.get("reference")))
                .map(i -> i.id)
                .findFirst();
    }

    public synchronized String statusOf(String intentId) {
        return intent(intentId).status;
    }

    public synchronized int balanceTransactionCount() {
        return balance.size();
    }

    // --- JSON as Stripe writes it ---

    private BalanceTransaction book(String type, long amount, long fee, String currency, String source, Intent intent) {
        BalanceTransaction tx = new BalanceTransaction();
        tx.id = "txn_" + random();
        tx.type = type;
        tx.amount = amount;
        tx.fee = fee;
        tx.currency = currency;
        tx.created = Instant.now().getEpochSecond();
        tx.source = source;
        tx.studio = intent.metadata.get("studio_id");
        tx.seq = sequence.incrementAndGet();
        balance.put(tx.id, tx);
        return tx;
    }

    private Map<String, Object> intentJson(Intent i, Map<String, List<String>> params) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", i.id);
        o.put("object", "payment_intent");
        o.put("amount", i.amount);
        o.put("amount_capturable", i.amountCapturable);
        o.put("amount_received", i.amountReceived);
        o.put("currency", i.currency);
        o.put("status", i.status);
        o.put("capture_method", i.captureMethod);
        o.put("client_secret", i.id + "_secret_sim");
        o.put("created", i.created);
        o.put("customer", i.customer);
        o.put("payment_method", i.paymentMethod);
        o.put("metadata", i.metadata);
        o.put(
                "last_payment_error",
                i.lastError == null
                        ? null
                        : Map.of("type", "card_error", "code", "card_declined", "message", i.lastError));
        if (i.latestCharge != null && expands(params, "latest_charge")) {
            o.put("latest_charge", chargeJson(charges.get(i.latestCharge), params, "latest_charge."));
        } else {
            o.put("latest_charge", i.latestCharge);
        }
        return o;
    }

    private Map<String, Object> chargeJson(Charge c, Map<String, List<String>> params, String prefix) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", c.id);
        o.put("object", "charge");
        o.put("amount", c.amount);
        o.put("amount_captured", c.amountCaptured);
        o.put("amount_refunded", c.amountRefunded);
        o.put("captured", c.captured);
        o.put("refunded", c.captured && c.amountRefunded == c.amountCaptured);
        o.put("currency", c.currency);
        o.put("status", "succeeded");
        o.put("payment_intent", c.intent);
        // like a charge made for an intent may: no copy of the intent's metadata
        o.put("metadata", Map.of());
        if (c.balanceTransaction != null && expands(params, prefix + "balance_transaction")) {
            o.put("balance_transaction", balanceJson(balance.get(c.balanceTransaction), Map.of(), ""));
        } else {
            o.put("balance_transaction", c.balanceTransaction);
        }
        return o;
    }

    private Map<String, Object> refundJson(Refund r, Map<String, List<String>> params, String prefix) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", r.id);
        o.put("object", "refund");
        o.put("amount", r.amount);
        o.put("currency", r.currency);
        o.put("status", r.status);
        o.put("payment_intent", r.intent);
        o.put("charge", r.charge);
        o.put("metadata", r.metadata);
        if (r.balanceTransaction != null && expands(params, prefix + "balance_transaction")) {
            o.put("balance_transaction", balanceJson(balance.get(r.balanceTransaction), Map.of(), ""));
        } else {
            o.put("balance_transaction", r.balanceTransaction);
        }
        return o;
    }

    private Map<String, Object> balanceJson(BalanceTransaction t, Map<String, List<String>> params, String prefix) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", t.id);
        o.put("object", "balance_transaction");
        o.put("amount", t.amount);
        o.put("fee", t.fee);
        o.put("net", t.net());
        o.put("currency", t.currency);
        o.put("created", t.created);
        o.put("available_on", t.created);
        o.put("status", "available");
        o.put("type", t.type);
        o.put("reporting_category", "refund".equals(t.type) ? "refund" : "charge");
        o.put(
                "fee_details",
                t.fee == 0
                        ? List.of()
                        : List.of(Map.of(
                                "amount",
                                t.fee,
                                "currency",
                                t.currency,
                                "type",
                                "stripe_fee",
                                "description",
                                "Stripe processing fees")));
        if (expands(params, prefix + "source")) {
            o.put(
                    "source",
                    t.source.startsWith("re_")
                            ? refundJson(refunds.get(t.source), Map.of(), "")
                            : chargeJson(charges.get(t.source), Map.of(), ""));
        } else {
            o.put("source", t.source);
        }
        return o;
    }

    private static boolean expands(Map<String, List<String>> params, String field) {
        return params.entrySet().stream()
                .filter(e -> e.getKey().startsWith("expand["))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(v -> v.equals(field) || v.startsWith(field + "."));
    }

    private ResponseDefinition error(int status, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(json.writeValueAsString(Map.of("error", error)))
                .build();
    }

    private static void parse(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    private static String one(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static final class StripeError extends RuntimeException {
        final int status;
        final String type;

        StripeError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }
}
