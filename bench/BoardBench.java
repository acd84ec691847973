import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calendar board benchmark (issue 8: "the board for 10 rooms x 7 days with 500 bookings renders
 * in <= 150 ms on the server"): {@code java bench/BoardBench.java <base-url> <renders>}. Seeds a
 * fresh studio through the API (10 rooms open 08:00-22:00 every day, 3 services, 50 clients, 500
 * one-hour sessions in next week booked by the studio for its clients), signs in as the admin, and
 * times {@code GET /admin/calendar?view=week} of that week one request after another (after a
 * warm-up of the same number), each from sending the request to the last byte of the page, on the
 * same machine. Prints a Markdown row. Run with JDK 21+.
 */
public class BoardBench {

    static final ZoneId ZONE = ZoneId.of("America/Toronto");
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final HttpClient HTTP = HttpClient.newBuilder().build();
    static String base;
    static String owner;

    public static void main(String[] args) throws Exception {
        base = args[0];
        int renders = Integer.parseInt(args[1]);
        owner = token();
        long seedStart = System.nanoTime();
        LocalDate monday = LocalDate.now(ZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        int seeded = seed(monday, 500);
        System.out.printf(Locale.ROOT, "- Seeded 10 rooms, 3 services, 50 clients and %d one-hour sessions in the week of %s through the API in %.0f s%n",
                seeded, monday, (System.nanoTime() - seedStart) / 1e9);
        String path = "/admin/calendar?view=week&date=" + monday;
        HttpRequest page = HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", "roomtone_session=" + owner)
                .header("Accept", "text/html")
                .header("Accept-Encoding", "gzip")
                .GET()
                .build();
        int bytes = 0;
        for (int i = 0; i < renders; i++) {
            HttpResponse<byte[]> r = HTTP.send(page, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " -> " + r.statusCode());
            }
            bytes = r.body().length;
        }
        long[] nanos = new long[renders];
        for (int i = 0; i < renders; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = HTTP.send(page, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " -> " + r.statusCode());
            }
        }
        Arrays.sort(nanos);
        System.out.println();
        System.out.println("| scenario | renders | p50 ms | p95 ms | p99 ms | max ms | page bytes as sent |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| board, week view (GET %s), 10 rooms, %d sessions | %d | %.1f | %.1f | %.1f | %.1f | %d |%n",
                "/admin/calendar?view=week", seeded, renders, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99),
                nanos[renders - 1] / 1e6, bytes);
    }

    static double ms(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    static int seed(LocalDate monday, int target) throws Exception {
        check(patch("/api/admin/settings", "{\"timezone\":\"America/Toronto\",\"approval_required\":false,\"lead_time_min\":60,\"horizon_days\":120}"), 200);
        check(post("/api/admin/schedule-rules", "{\"target_type\":\"studio\",\"byweekday\":[0,1,2,3,4,5,6],\"start_time\":\"08:00\",\"end_time\":\"22:00\"}"), 201);
        List<String> rooms = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rooms.add(id(check(post("/api/admin/rooms", "{\"name\":\"Board room " + i + "\",\"tags\":[]}"), 201)));
        }
        List<String> services = new ArrayList<>();
        for (String name : List.of("Room hire", "Rehearsal", "Podcast")) {
            services.add(id(check(post("/api/admin/services", "{\"name\":\"" + name + "\",\"default_duration_min\":60,\"base_price_cents\":5000,\"pricing_model\":\"per_block\",\"room_tags\":[]}"), 201)));
        }
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(id(check(post("/api/admin/clients", "{\"name\":\"Board client " + i + "\",\"email\":\"board-client" + i + "-" + System.nanoTime() + "@bench.test\"}"), 201)));
        }
        // 10 rooms x 7 days x 14 hours = 980 one-hour slots; book `target` of them
        List<String[]> slots = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            for (int hour = 8; hour < 22; hour++) {
                for (String room : rooms) {
                    ZonedDateTime start = monday.plusDays(day).atTime(hour, 0).atZone(ZONE);
                    slots.add(new String[] {room, start.toInstant().toString(), start.plusHours(1).toInstant().toString()});
                }
            }
        }
        Collections.shuffle(slots, new Random(8));
        AtomicInteger created = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    while (true) {
                        int i = next.getAndIncrement();
                        if (i >= target || i >= slots.size()) {
                            return null;
                        }
                        String[] slot = slots.get(i);
                        HttpResponse<String> r = post("/api/bookings", "{\"room_id\":\"" + slot[0] + "\",\"client_id\":\"" + clients.get(i % clients.size())
                                + "\",\"service_items\":[{\"service_id\":\"" + services.get(i % services.size()) + "\",\"qty\":1}],\"start_at\":\"" + slot[1] + "\",\"end_at\":\"" + slot[2]
                                + "\",\"notes\":\"seeded by bench/BoardBench.java\"}");
                        if (r.statusCode() == 201) {
                            created.incrementAndGet();
                        } else {
                            System.err.println("refused: " + r.statusCode() + " " + r.body());
                        }
                    }
                });
            }
        }
        return created.get();
    }

    static String token() throws Exception {
        HttpResponse<String> r = check(send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench@roomtone.test\",\"password\":\"bench-password\"}"))), 200);
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
        m.find();
        return m.group(1);
    }

    static HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON merge patch: the fields sent change, the others stay (a PUT replaces the whole resource). */
    static HttpResponse<String> patch(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        request.header("Content-Type", "application/json");
        if (owner != null) {
            request.header("Authorization", "Bearer " + owner);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    static String id(HttpResponse<String> response) {
        Matcher m = ID.matcher(response.body());
        m.find();
        return m.group(1);
    }
}
