package io.roomtone.availability.internal;

import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent event streams this node keeps open, and what they are told: each {@link
 * RoomNotice} heard by {@link VersionFeed} (from any node, this one included) goes to the streams
 * watching its studio, room and days, as a small event that names a room and a date and nothing
 * else. Streams cost no thread while they wait: Spring MVC keeps them as asynchronous requests,
 * and two threads of this class write the events and the heartbeats.
 *
 * <p>A hold lapses without any row changing; the notice of a new hold says when, and each node
 * tells its own streams again at that moment.
 */
@Component
public class LiveStreams implements SmartLifecycle {

    /** Who watches: anyone (one room or every room, one day), or the studio's desk (everything). */
    public enum Audience {
        PUBLIC,
        DESK
    }

    /**
     * What a stream watches.
     *
     * @param roomId one room, or null for every room of the studio
     * @param day the studio day watched (public streams); null for every day (the desk)
     */
    public record Interest(
            UUID studioId, @Nullable UUID roomId, @Nullable LocalDate day, ZoneId zone, Audience audience) {}

    /** One event to send: its name and its JSON data. */
    record Event(String name, String data) {}

    /** A comment, not an event: keeps proxies from closing an idle stream, and finds dead clients. */
    private static final Event HEARTBEAT = new Event("", "");

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    /** A hold lapsing later than this is not waited for (holds last minutes). */
    private static final Duration LONGEST_HOLD = Duration.ofHours(6);
    /** A browser that lost its stream asks again after this long (then backs off on refusals). */
    private static final long RECONNECT_MILLIS = 3_000;

    private final LiveProperties properties;
    private final Clock clock;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile @Nullable ScheduledExecutorService timer;
    private volatile @Nullable ExecutorService writers;
    private volatile boolean running;

    LiveStreams(LiveProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Opens a stream for {@code interest}, counted against {@code client} (its network address).
     *
     * @throws RoomtoneException 429 {@code rate_limited} when the client or this node has as many
     *     streams open as allowed
     */
    public SseEmitter open(Interest interest, String client) {
        reserve(client);
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Stream stream = new Stream(interest, client, emitter);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(() -> {
            stream.close();
            emitter.complete();
        });
        emitter.onError(failure -> stream.close());
        streams.add(stream);
        // sent once the response starts: tells the browser how soon to come back, and flushes the
        // headers through proxies that wait for a first byte
        stream.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("open"));
        return emitter;
    }

    /** How many streams this node has open: for tests and the documentation's numbers. */
    public int openStreams() {
        return open.get();
    }

    /** Tells every stream watching what {@code notices} changed. Called on the feed's thread: only queues. */
    void deliver(List<RoomNotice> notices) {
        ScheduledExecutorService scheduler = timer;
        Instant now = clock.instant();
        for (RoomNotice notice : notices) {
            Instant lapse = notice.heldUntil();
            if (scheduler != null && lapse != null && lapse.isBefore(now.plus(LONGEST_HOLD))) {
                // a moment after the lapse, so that a search then no longer counts the hold
                long delay = Math.max(0, Duration.between(now, lapse).toMillis()) + 250;
                scheduler.schedule(() -> deliver(List.of(notice.lapsed())), delay, TimeUnit.MILLISECONDS);
            }
        }
        // a batch may carry a thousand bookings of many studios: each stream looks at its studio's only
        Map<UUID, List<RoomNotice>> byStudio = notices.stream().collect(Collectors.groupingBy(RoomNotice::studioId));
        for (Stream stream : streams) {
            List<RoomNotice> mine = byStudio.get(stream.interest.studioId());
            if (mine == null) {
                continue;
            }
            Set<Event> events = new LinkedHashSet<>();
            for (RoomNotice notice : mine) {
                events.addAll(eventsFor(stream.interest, notice));
            }
            if (!events.isEmpty()) {
                write(stream, List.copyOf(events));
            }
        }
    }

    /** The feed was deaf for a while: every stream is told to look again. */
    void mayHaveMissedNotices() {
        for (Stream stream : streams) {
            write(stream, List.of(new Event("resync", "{}")));
        }
    }

    static List<Event> eventsFor(Interest interest, RoomNotice notice) {
        if (!interest.studioId().equals(notice.studioId())) {
            return List.of();
        }
        List<LocalDate> days = notice.days(interest.zone());
        if (interest.audience() == Audience.DESK) {
            List<Event> events = new ArrayList<>();
            if (!days.isEmpty()) {
                events.add(new Event("changed", data(notice.roomId(), days.get(0))));
            }
            days.forEach(day -> events.add(new Event("day-" + day, data(notice.roomId(), day))));
            return events;
        }
        boolean room = interest.roomId() == null || interest.roomId().equals(notice.roomId()) || notice.staffToo();
        if (!room || !days.contains(interest.day())) {
            return List.of();
        }
        return List.of(new Event("availability", data(notice.roomId(), interest.day())));
    }

    /** Ids and ISO dates only: nothing in them needs escaping. */
    private static String data(UUID roomId, LocalDate day) {
        return "{\"room_id\":\"" + roomId + "\",\"date\":\"" + day + "\"}";
    }

    private void write(Stream stream, List<Event> events) {
        ExecutorService pool = writers;
        if (pool == null) {
            return;
        }
        pool.execute(() -> {
            for (Event event : events) {
                SseEmitter.SseEventBuilder sent = event == HEARTBEAT
                        ? SseEmitter.event().comment("keep-alive")
                        : SseEmitter.event().name(event.name()).data(event.data());
                if (!stream.send(sent)) {
                    return;
                }
            }
        });
    }

    private void heartbeat() {
        for (Stream stream : streams) {
            write(stream, List.of(HEARTBEAT));
        }
    }

    private void reserve(String client) {
        if (open.incrementAndGet() > properties.streams()) {
            open.decrementAndGet();
            throw refusal("This server has as many live streams open as it allows");
        }
        int mine = perClient.merge(client, 1, Integer::sum);
        if (mine > properties.streamsPerClient()) {
            release(client);
            throw refusal("Too many live streams from your address (at most " + properties.streamsPerClient()
                    + "); close a page that watches availability");
        }
    }

    private void release(String client) {
        open.decrementAndGet();
        perClient.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static RoomtoneException refusal(String why) {
        long seconds = 30;
        return new RoomtoneException(
                ProblemCode.RATE_LIMITED,
                why + "; try again in " + seconds + " seconds.",
                List.of(),
                Map.of("limit", "live_streams", "retry_after_seconds", seconds));
    }

    @Override
    public void start() {
        ThreadFactory daemons = work -> {
            Thread thread = new Thread(work, "roomtone-live");
            thread.setDaemon(true);
            return thread;
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemons);
        long every = properties.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        timer = scheduler;
        // two writers: one client whose socket is full holds up one thread, not every stream
        writers = Executors.newFixedThreadPool(2, daemons);
        running = true;
    }

    /**
     * Ends every stream before the web server shuts down (this stops in an earlier phase), so that a
     * graceful shutdown does not wait half an hour for them; browsers reconnect to another node.
     */
    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService scheduler = timer;
        ExecutorService pool = writers;
        timer = null;
        writers = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        for (Stream stream : streams) {
            stream.close();
            try {
                stream.emitter.complete();
            } catch (RuntimeException e) {
                log.debug("A live stream could not be completed", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One open stream; its count is given back exactly once, whichever way it ends. */
    private final class Stream {
        final Interest interest;
        final String client;
        final SseEmitter emitter;
        final AtomicBoolean closed = new AtomicBoolean();

        Stream(Interest interest, String client, SseEmitter emitter) {
            this.interest = interest;
            this.client = client;
            this.emitter = emitter;
        }

        /** Sends {@code event}; false once the stream is closed. */
        boolean send(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return false;
            }
            try {
                emitter.send(event);
                return true;
            } catch (IOException | IllegalStateException e) {
                // the client went away (or the stream already ended): stop counting it
                close();
                try {
                    emitter.completeWithError(e);
                } catch (RuntimeException ignored) {
                    // already complete
                }
                return false;
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                streams.remove(this);
                release(client);
            }
        }
    }
}
