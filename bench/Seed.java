import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds a realistic studio through Roomtone's own API (so every booking passes the real rules) and
 * writes what the load scripts need: {@code java bench/Seed.java <base-url> <bookings> <out-file>}.
 *
 * <p>{@code java bench/Seed.java --create <base-url> <out-file> <rooms> <clients>} then prepares the
 * booking-creation scenarios (bench/create.lua, bench/hold.lua): it turns approval off, adds
 * {@code rooms} rooms each with an engineer of its own (working every day 08:00-22:00) and a
 * 30-minute session needing both, registers {@code clients} clients, and appends to the seed file a
 * plan of every free 30-minute slot of those rooms over the next 115 days, in random order: each
 * slot is used by one request only, so every request can succeed. Run with JDK 21+.
 */
public class Seed {

    static final ZoneId ZONE = ZoneId.of("America/Toronto");
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    static String base;
    static String owner;
    static List<String> rooms = new ArrayList<>();
    static List<String> services = new ArrayList<>();
    static List<String> clients = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--create")) {
            base = args[1];
            owner = token("{\"email\":\"bench@roomtone.test\",\"password\":\"bench-password\"}");
            prepareCreation(java.nio.file.Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        base = args[0];
        int bookings = Integer.parseInt(args[1]);
        owner = token("{\"email\":\"bench@roomtone.test\",\"password\":\"bench-password\"}");
        long seedStart = System.nanoTime();
        int seeded = seed(bookings);
        System.out.printf(Locale.ROOT, "Seeded 10 rooms, 20 staff, 3 services, %d bookings through the API in %.0f s%n", seeded, (System.nanoTime() - seedStart) / 1e9);
        // what bench/*.lua read: services, then bearer tokens, then 5,000 random 30-minute slots
        StringBuilder out = new StringBuilder();
        services.forEach(s -> out.append("service ").append(s).append('\n'));
        clients.forEach(c -> out.append("token ").append(c).append('\n'));
        for (int i = 0; i < 5_000; i++) {
            out.append("booking ").append(randomBooking()).append('\n');
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[2]), out);
    }

    // ---- seeding -------------------------------------------------------------------------

    static int seed(int target) throws Exception {
        // approval off while seeding: a client may have only max_pending_per_client (3) requests
        // awaiting approval, so 50 clients could otherwise seed no more than 150 bookings
        check(patch("/api/admin/settings", "{\"timezone\":\"America/Toronto\",\"approval_required\":false,\"lead_time_min\":60,\"horizon_days\":120,\"tax_rate_bps\":1300,\"deposit_percent\":25}", owner), 200);
        check(post("/api/admin/schedule-rules", "{\"target_type\":\"studio\",\"byweekday\":[0,1,2,3,4,5,6],\"start_time\":\"08:00\",\"end_time\":\"22:00\"}", owner), 201);
        for (int i = 1; i <= 10; i++) {
            String tags = i <= 6 ? "[\"tracking\",\"vocal\"]" : "[\"mixing\"]";
            String room = id(check(post("/api/admin/rooms", "{\"name\":\"Room " + i + "\",\"tags\":" + tags + "}", owner), 201));
            rooms.add(room);
            if (i % 3 == 0) {
                check(post("/api/admin/buffers", "{\"scope\":\"room\",\"target_id\":\"" + room + "\",\"before_min\":0,\"after_min\":15}", owner), 201);
            }
        }
        String[] skills = {"recording", "mixing", "mastering"};
        for (int i = 1; i <= 20; i++) {
            String skill = skills[i % 3];
            String staff = id(check(post("/api/admin/staff", "{\"email\":\"eng" + i + "@bench.test\",\"name\":\"Engineer " + i + "\",\"skills\":[\"" + skill + "\"],\"password\":\"bench-password\"}", owner), 201));
            int first = 1 + i % 5;
            check(post("/api/admin/schedule-rules", "{\"target_type\":\"staff\",\"target_id\":\"" + staff + "\",\"byweekday\":[" + first + "," + (first + 1) % 7 + "," + (first + 2) % 7 + "," + (first + 3) % 7 + "],\"start_time\":\"09:00\",\"end_time\":\"21:00\"}", owner), 201);
        }
        services.add(id(check(post("/api/admin/services", "{\"name\":\"Room hire\",\"default_duration_min\":30,\"base_price_cents\":4000,\"pricing_model\":\"per_block\",\"room_tags\":[]}", owner), 201)));
        services.add(id(check(post("/api/admin/services", "{\"name\":\"Recording\",\"default_duration_min\":60,\"base_price_cents\":9000,\"pricing_model\":\"per_block\",\"requires_engineer\":true,\"staff_skill_required\":\"recording\",\"room_tags\":[\"tracking\"]}", owner), 201)));
        services.add(id(check(post("/api/admin/services", "{\"name\":\"Mixing\",\"default_duration_min\":60,\"base_price_cents\":8000,\"pricing_model\":\"per_block\",\"requires_engineer\":true,\"staff_skill_required\":\"mixing\",\"room_tags\":[\"mixing\"]}", owner), 201)));
        LocalDate today = LocalDate.now(ZONE);
        for (int d = 5; d < 95; d += 14) {
            ZonedDateTime start = today.plusDays(d).atTime(8, 0).atZone(ZONE);
            check(post("/api/admin/exceptions", "{\"target_type\":\"room\",\"target_id\":\"" + rooms.get(d % 10) + "\",\"start_at\":\"" + start.toInstant() + "\",\"end_at\":\"" + start.plusHours(4).toInstant() + "\",\"reason\":\"maintenance\"}", owner), 201);
        }
        for (int i = 0; i < 50; i++) {
            clients.add(register("client" + i + "-" + System.nanoTime() + "@bench.test", "Client " + i));
        }
        // 30-minute room-hire sessions over 90 days, 08:00-22:00, 10 rooms: 25,200 slots; fill `target` of them
        List<String[]> slots = new ArrayList<>();
        for (int day = 1; day <= 90; day++) {
            for (int half = 0; half < 28; half++) {
                for (String room : rooms) {
                    ZonedDateTime start = today.plusDays(day).atTime(8, 0).plusMinutes(30L * half).atZone(ZONE);
                    slots.add(new String[] {room, start.toInstant().toString(), start.plusMinutes(30).toInstant().toString()});
                }
            }
        }
        java.util.Collections.shuffle(slots, new java.util.Random(7));
        AtomicInteger created = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                pool.submit(() -> {
                    while (created.get() < target) {
                        int i = next.getAndIncrement();
                        if (i >= slots.size()) {
                            return null;
                        }
                        String[] slot = slots.get(i);
                        String client = clients.get(i % clients.size());
                        HttpResponse<String> r = post("/api/bookings", "{\"room_id\":\"" + slot[0] + "\",\"service_items\":[{\"service_id\":\"" + services.get(0) + "\",\"qty\":1}],\"start_at\":\"" + slot[1] + "\",\"end_at\":\"" + slot[2] + "\"}", client);
                        if (r.statusCode() == 201) {
                            created.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        // the load scenarios (bench/book.lua) then meet a studio that approves its requests
        check(patch("/api/admin/settings", "{\"timezone\":\"America/Toronto\",\"approval_required\":true,\"lead_time_min\":60,\"horizon_days\":120,\"tax_rate_bps\":1300,\"deposit_percent\":25}", owner), 200);
        return created.get();
    }

    // ---- booking creation ------------------------------------------------------------------

    static void prepareCreation(java.nio.file.Path seedFile, int roomCount, int clientCount) throws Exception {
        long started = System.nanoTime();
        // a client's request is then confirmed at once: no pending cap per client
        check(patch("/api/admin/settings", "{\"timezone\":\"America/Toronto\",\"approval_required\":false,\"lead_time_min\":60,\"horizon_days\":120,\"tax_rate_bps\":1300,\"deposit_percent\":25}", owner), 200);
        String service = id(check(post("/api/admin/services", "{\"name\":\"Bench session\",\"default_duration_min\":30,\"base_price_cents\":5000,\"pricing_model\":\"per_block\",\"requires_engineer\":true,\"staff_skill_required\":\"bench\",\"room_tags\":[\"bench\"]}", owner), 201));
        List<String> benchRooms = new ArrayList<>();
        List<String> benchStaff = new ArrayList<>();
        for (int i = 1; i <= roomCount; i++) {
            benchRooms.add(id(check(post("/api/admin/rooms", "{\"name\":\"Bench room " + i + "\",\"tags\":[\"bench\"]}", owner), 201)));
            String staff = id(check(post("/api/admin/staff", "{\"email\":\"bench-eng" + i + "-" + System.nanoTime() + "@bench.test\",\"name\":\"Bench engineer " + i + "\",\"skills\":[\"bench\"],\"password\":\"bench-password\"}", owner), 201));
            check(post("/api/admin/schedule-rules", "{\"target_type\":\"staff\",\"target_id\":\"" + staff + "\",\"byweekday\":[0,1,2,3,4,5,6],\"start_time\":\"08:00\",\"end_time\":\"22:00\"}", owner), 201);
            benchStaff.add(staff);
        }
        List<String> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < clientCount; i++) {
                int n = i;
                pool.submit(() -> {
                    tokens.add(register("bench-client" + n + "-" + System.nanoTime() + "@bench.test", "Bench client " + n));
                    return null;
                });
            }
        }
        // room i always with engineer i: two slots of the plan never share a room, an engineer and a time
        List<String> slots = new ArrayList<>();
        LocalDate today = LocalDate.now(ZONE);
        for (int day = 1; day <= 115; day++) {
            for (int half = 0; half < 28; half++) {
                ZonedDateTime start = today.plusDays(day).atTime(8, 0).plusMinutes(30L * half).atZone(ZONE);
                for (int r = 0; r < roomCount; r++) {
                    slots.add("slot " + benchRooms.get(r) + " " + benchStaff.get(r) + " " + start.toInstant() + " " + start.plusMinutes(30).toInstant());
                }
            }
        }
        java.util.Collections.shuffle(slots, new java.util.Random(11));
        StringBuilder out = new StringBuilder();
        out.append("benchservice ").append(service).append('\n');
        tokens.forEach(t -> out.append("benchclient ").append(t).append('\n'));
        slots.forEach(slot -> out.append(slot).append('\n'));
        java.nio.file.Files.writeString(seedFile, out, java.nio.file.StandardOpenOption.APPEND);
        System.out.printf(Locale.ROOT, "Prepared booking creation: approval off, %d rooms each with its engineer, %d clients, %d free slots planned, in %.0f s%n", roomCount, tokens.size(), slots.size(), (System.nanoTime() - started) / 1e9);
    }

    // ---- load ----------------------------------------------------------------------------

    static String randomBooking() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ZonedDateTime start = LocalDate.now(ZONE).plusDays(1 + random.nextInt(90)).atTime(8, 0).plusMinutes(30L * random.nextInt(28)).atZone(ZONE);
        return "{\"room_id\":\"" + rooms.get(random.nextInt(rooms.size())) + "\",\"service_items\":[{\"service_id\":\"" + services.get(0) + "\",\"qty\":1}],\"start_at\":\"" + start.toInstant() + "\",\"end_at\":\"" + start.plusMinutes(30).toInstant() + "\"}";
    }

    // ---- HTTP ----------------------------------------------------------------------------

    static String token(String credentials) throws Exception {
        HttpResponse<String> r = check(post("/api/auth/login", credentials, null), 200);
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
        m.find();
        return m.group(1);
    }

    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
    }

    /**
     * Registers a client as a person does: the answer only says a mail was sent, the mail's link
     * confirms the address, and confirming signs in. Returns the bearer token of that sign-in.
     */
    static String register(String email, String name) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"bench-password\",\"name\":\"" + name + "\"}";
        check(post("/api/auth/register", body, null), 202);
        String signedIn = check(post("/api/auth/confirm-email", "{\"token\":\"" + MAILBOX.linkTo(email) + "\"}", null), 200).body();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(signedIn);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + signedIn);
        }
        return m.group(1);
    }

    /** Where the server's mail goes while the seed runs: bench/run.sh points SPRING_MAIL_PORT here. */
    static final Mailbox MAILBOX = new Mailbox(Integer.parseInt(System.getenv().getOrDefault("BENCH_MAIL_PORT", "18025")));

    /**
     * Just enough of an SMTP server to read the confirmation links of the seed's registrations; every
     * other mail is accepted and dropped.
     */
    static final class Mailbox {
        private static final Pattern LINK = Pattern.compile("/account/confirm\\?token=([A-Za-z0-9_-]+)");
        private final Map<String, String> links = new ConcurrentHashMap<>();

        Mailbox(int port) {
            try {
                ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
                Thread.ofPlatform().daemon().start(() -> {
                    while (true) {
                        try {
                            Socket socket = server.accept();
                            Thread.ofVirtual().start(() -> session(socket));
                        } catch (IOException e) {
                            return;
                        }
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("the seed's mailbox cannot listen on port " + port, e);
            }
        }

        String linkTo(String email) {
            for (int i = 0; i < 2400; i++) {
                String token = links.remove(email.toLowerCase(Locale.ROOT));
                if (token != null) {
                    return token;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new IllegalStateException("no confirmation mail reached " + email + " within 2 minutes");
        }

        private void session(Socket connection) {
            try (Socket socket = connection;
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
                    Writer out = new OutputStreamWriter(socket.getOutputStream(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
                reply(out, "220 bench seed");
                List<String> recipients = new ArrayList<>();
                StringBuilder data = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (data != null) {
                        if (line.equals(".")) {
                            deliver(recipients, data.toString());
                            recipients.clear();
                            data = null;
                            reply(out, "250 kept");
                        } else {
                            data.append(line.startsWith(".") ? line.substring(1) : line).append('\n');
                        }
                        continue;
                    }
                    String command = line.toUpperCase(Locale.ROOT);
                    if (command.startsWith("RCPT TO:")) {
                        recipients.add(line.substring(8).replaceAll("[<> ]", "").toLowerCase(Locale.ROOT));
                        reply(out, "250 ok");
                    } else if (command.startsWith("DATA")) {
                        data = new StringBuilder();
                        reply(out, "354 go on");
                    } else if (command.startsWith("QUIT")) {
                        reply(out, "221 bye");
                        return;
                    } else {
                        reply(out, "250 ok"); // EHLO, MAIL FROM, RSET, NOOP
                    }
                }
            } catch (IOException e) {
                // the server sends it again later
            }
        }

        private void deliver(List<String> recipients, String message) {
            // quoted-printable: soft line breaks and the encoded "="
            Matcher link = LINK.matcher(message.replace("=\n", "").replace("=3D", "="));
            if (link.find()) {
                recipients.forEach(recipient -> links.put(recipient, link.group(1)));
            }
        }

        private static void reply(Writer out, String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
        }
    }

    static HttpResponse<String> post(String path, String body, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    /** A JSON merge patch: the fields sent change, the others stay (a PUT replaces the whole resource). */
    static HttpResponse<String> patch(String path, String body, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), token);
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        request.header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
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
