package io.roomtone.availability.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves studios' occupancy versions after their changes committed (see {@link
 * io.roomtone.availability.OccupancyChanges}): one thread takes every studio announced meanwhile and
 * moves them all in one short transaction, whose commit notifies the other nodes (V11). Under load
 * a batch carries the commits of many bookings, so the version's lock and the notification's
 * serialization are paid once per batch instead of once per booking.
 *
 * <p>The same transaction notifies {@link RoomNotice#CHANNEL} with the rooms and times that
 * changed, for the live streams of every node: one notifying commit per batch, as for the versions,
 * never one per booking.
 *
 * <p>Changes committed by a node that stops before announcing them would stay unannounced; so a
 * starting node moves every studio's occupancy version once (caches everywhere start afresh).
 */
@Component
public class OccupancyAnnouncer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OccupancyAnnouncer.class);
    private static final int MOST_PER_BATCH = 1_000;
    /** A caller waits this long at most: the booking has committed, the announcement is for searches. */
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private record Announcement(List<UUID> studios, List<RoomNotice> notices, CompletableFuture<Void> done) {}

    private final JdbcClient jdbc;
    private final TransactionOperations apart;
    private final BlockingQueue<Announcement> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile Thread thread;

    OccupancyAnnouncer(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.apart = template;
    }

    /**
     * Moves the occupancy versions of {@code studios} and sends {@code notices} with the next batch;
     * done once it has committed.
     */
    public CompletableFuture<Void> announce(List<UUID> studios, List<RoomNotice> notices) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            // starting or stopping: no thread to batch, so the caller pays for its own, in a
            // transaction of its own (it may be called after a commit, on the committed connection)
            apart.executeWithoutResult(tx -> move(studios, notices));
            done.complete(null);
            return done;
        }
        queue.add(new Announcement(studios, notices, done));
        return done;
    }

    /** Waits for {@code announced}, at most {@link #PATIENCE}; a failure was logged where it happened. */
    public void await(CompletableFuture<Void> announced) {
        try {
            announced.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("An occupancy announcement was not confirmed in time", e);
        }
    }

    @Override
    public void start() {
        jdbc.sql("UPDATE catalog_version SET occupancy_version = occupancy_version + 1")
                .update();
        running = true;
        Thread announcer = new Thread(this::run, "roomtone-occupancy-announcer");
        announcer.setDaemon(true);
        thread = announcer;
        announcer.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread announcer = thread;
        if (announcer != null) {
            announcer.interrupt();
            try {
                announcer.join(PATIENCE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // what was still queued is announced by the callers' thread, here
        flush(drain(null));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                Announcement first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    flush(drain(first));
                }
            } catch (InterruptedException e) {
                if (running) {
                    Thread.currentThread().interrupt();
                }
                return;
            } catch (RuntimeException e) {
                log.warn("Announcing occupancy changes failed; searches may show them late", e);
            }
        }
    }

    private List<Announcement> drain(Announcement first) {
        List<Announcement> batch = new ArrayList<>();
        if (first != null) {
            batch.add(first);
        }
        queue.drainTo(batch, MOST_PER_BATCH);
        return batch;
    }

    private void flush(List<Announcement> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            move(
                    batch.stream().flatMap(a -> a.studios().stream()).distinct().toList(),
                    batch.stream().flatMap(a -> a.notices().stream()).distinct().toList());
            batch.forEach(a -> a.done().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(a -> a.done().completeExceptionally(e));
            throw e;
        }
    }

    /**
     * One statement, committed on its own: it moves the versions (rows in one order, so that two
     * nodes' batches never wait on each other crosswise) and sends every payload of {@code notices}
     * on {@link RoomNotice#CHANNEL}. Each node's {@link VersionFeed} hears both once it commits;
     * the feed drops a studio's kept versions before telling its streams (see there), whichever
     * notification comes first.
     */
    private void move(List<UUID> studios, List<RoomNotice> notices) {
        jdbc.sql(
                        """
                        WITH moved AS (
                            INSERT INTO catalog_version (studio_id, occupancy_version)
                            SELECT s, 1 FROM unnest(CAST(:studios AS uuid[])) AS s ORDER BY s
                                ON CONFLICT (studio_id)
                                DO UPDATE SET occupancy_version = catalog_version.occupancy_version + 1
                            RETURNING 1
                        )
                        SELECT (SELECT count(*) FROM moved)
                               + (SELECT count(pg_notify(:channel, p)) FROM unnest(CAST(:payloads AS text[])) AS p)
                        """)
                .param("studios", studios.toArray(UUID[]::new))
                .param("channel", RoomNotice.CHANNEL)
                .param("payloads", RoomNotice.payloads(notices).toArray(String[]::new))
                .query(Long.class)
                .single();
    }
}
