package io.roomtone.notifications;

import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due in the outbox: at once when a message is put in (after its transaction
 * commits), and every few seconds on every node for what is due later (reminders, retries, messages
 * a node claimed and never settled). Claims are short transactions of their own; the sending itself
 * happens outside any, so a slow SMTP server holds no database connection.
 */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 20;

    private final Outbox outbox;
    private final Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
    private final Studios studios;
    private final NotificationProperties properties;
    private final TransactionTemplate transactions;
    private final Executor executor;
    /** Per studio, the requests for a pass not yet served by one (see {@link #sendSoon}). */
    private final Map<UUID, AtomicInteger> requested = new ConcurrentHashMap<>();

    Dispatcher(
            Outbox outbox,
            List<Sender> senders,
            Studios studios,
            NotificationProperties properties,
            PlatformTransactionManager transactionManager,
            @Qualifier("applicationTaskExecutor") Executor executor) {
        this.outbox = outbox;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.studios = studios;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.executor = executor;
    }

    /**
     * Sends the studio's due messages soon, on another thread. One pass per studio at a time on this
     * node: a request while a pass runs makes it look once more when done, instead of starting a
     * thread of its own. A thread per message put in took every database connection from the
     * requests under load (and, with the SMTP server down, kept doing so).
     */
    void sendSoon(UUID studioId) {
        AtomicInteger requests = requested.computeIfAbsent(studioId, id -> new AtomicInteger());
        if (requests.getAndIncrement() == 0) {
            executor.execute(() -> drain(studioId, requests));
        }
    }

    private void drain(UUID studioId, AtomicInteger requests) {
        int served;
        do {
            served = requests.get();
            try {
                Tenancy.runAs(studioId, this::sendDue);
            } catch (RuntimeException e) {
                // the periodic pass picks up whatever is still due
                log.warn("Sending the due messages of studio {} failed", studioId, e);
            }
        } while (requests.addAndGet(-served) > 0);
    }

    @Scheduled(
            fixedDelayString = "${roomtone.notifications.dispatch-interval:PT5S}",
            initialDelayString = "${roomtone.notifications.dispatch-interval:PT5S}")
    void sendDueEverywhere() {
        for (Studio studio : studios.all()) {
            try {
                Tenancy.runAs(studio.id(), this::sendDue);
            } catch (RuntimeException e) {
                log.warn("Sending the due messages of studio {} failed", studio.slug(), e);
            }
        }
    }

    /** Sends the current studio's due messages, a batch at a time, until none is left. */
    void sendDue() {
        Studio studio = studios.current();
        List<Outbox.Claimed> batch;
        do {
            batch = transactions.execute(
                    status -> outbox.claimDue(BATCH, properties.notifications().claimLease()));
            for (Outbox.Claimed message : batch) {
                send(message, studio);
            }
        } while (batch.size() == BATCH);
    }

    private void send(Outbox.Claimed message, Studio studio) {
        Sender sender = senders.get(message.channel());
        if (sender == null || !sender.configured(studio.id())) {
            String reason =
                    sender == null ? "No sender for " + message.channel().json() : sender.offReason();
            transactions.executeWithoutResult(status -> outbox.skipped(message, reason));
            return;
        }
        String error;
        boolean permanent = false;
        try {
            String providerId = sender.send(message, studio);
            transactions.executeWithoutResult(status -> outbox.sent(message, providerId));
            return;
        } catch (Exception e) {
            error = describe(e);
            // sending it again cannot help (an invalid number): failed at once, not after every attempt
            permanent = e instanceof PermanentFailure;
            log.info(
                    "Message {} ({}) failed on attempt {}{}: {}",
                    message.id(),
                    message.template(),
                    message.attempts(),
                    permanent ? " for good" : "",
                    error);
        }
        boolean last =
                permanent || message.attempts() >= properties.notifications().maxAttempts();
        String reason = error;
        transactions.executeWithoutResult(
                status -> outbox.failed(message, reason, properties.backoff(message.attempts()), last));
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < 1000; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return text.toString();
    }
}
