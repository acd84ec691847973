package io.roomtone.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent event stream read by a test, as a browser's {@code EventSource} would: events are
 * queued with the moment they arrived, so a test can say how long one took.
 */
public final class EventStream implements AutoCloseable {

    /** One event: its name ({@code message} when unnamed), data, and when it arrived ({@link System#nanoTime()}). */
    public record Event(String name, String data, long arrivedNanos) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int status;
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.status = response.statusCode();
        this.reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        if (status == 200) {
            reader.start();
        }
    }

    /** Opens {@code uri} (the headers are sent as given) and waits for the response's headers. */
    public static EventStream open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        try {
            return new EventStream(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not open " + uri, e);
        }
    }

    /** Opens them all at once, from as many threads: for limits under parallel requests. */
    public static List<EventStream> openAll(int count, URI uri, Map<String, String> headers) {
        List<CompletableFuture<EventStream>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opening.add(CompletableFuture.supplyAsync(() -> open(uri, headers)));
        }
        return opening.stream().map(CompletableFuture::join).toList();
    }

    public int status() {
        return status;
    }

    /** The body of a refused stream (a problem), read whole. */
    public String body() {
        if (status == 200) {
            throw new IllegalStateException("the stream is open; its body never ends");
        }
        return String.join("\n", response.body().toList());
    }

    public java.util.Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The next event within {@code patience}, or null. */
    public Event next(Duration patience) throws InterruptedException {
        return events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every event that arrived so far, taken. */
    public List<Event> drain() {
        List<Event> taken = new ArrayList<>();
        events.drainTo(taken);
        return taken;
    }

    private void read() {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    // "resync" follows a reconnect of the server's database feed (a second node
                    // starting may cause one): it says "look again", never what changed, and no test
                    // expects it, so it is not handed on
                    if (data.length() > 0 && !name.equals("resync")) {
                        events.add(new Event(name, data.toString(), System.nanoTime()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // closed by the test, or by the server
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        response.body().close();
    }
}
