package io.roomtone.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests: real requests against the running server, with the caller's token.
 * Nothing is mocked between it and PostgreSQL.
 */
@TestComponent
public class Api {

    public static final String OWNER_EMAIL = "owner@studio.test";
    public static final String OWNER_PASSWORD = "owner-password-1";
    public static final String OPERATOR_EMAIL = "operator@platform.test";
    public static final String OPERATOR_PASSWORD = "operator-password-1";

    /** A well-formed id that names nothing in any studio. */
    public static final String UNKNOWN_ID = "8d9b1c1e-0000-4000-8000-000000000000";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads response bodies into the test's views: snake_case on the wire, and fields a view does not name are skipped. */
    private static final JsonMapper VIEWS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Environment environment;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String ownerToken;

    // absent from contexts that do not import it (a second node's Api): only newClient needs it
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    private AccountMailbox mailbox;

    public Api(Environment environment) {
        this.environment = environment;
    }

    /** A response, with its body as text, as JSON, or read into one of the test's views. */
    public record Response(int status, HttpResponse<String> raw) {

        /**
         * This response, if its status is {@code expected}; else an assertion error that names the
         * request and shows the body (a problem's code and fields usually say what went wrong).
         */
        public Response expect(int expected) {
            return expect(expected, null);
        }

        /** As {@link #expect(int)}, with {@code why} (which caller, which input) leading the message. */
        public Response expect(int expected, String why) {
            if (status != expected) {
                throw new AssertionError(
                        (why == null ? "" : "[" + why + "] ") + raw.request().method() + " "
                                + raw.request().uri().getPath() + ": expected " + expected + " but got " + this);
            }
            return this;
        }

        /** The body read into {@code view} (a record whose components name the JSON fields in camelCase). */
        public <T> T as(Class<T> view) {
            return VIEWS.readValue(raw.body(), view);
        }

        /** The body of a list answer, each element read into {@code view}. */
        public <T> List<T> asListOf(Class<T> view) {
            return VIEWS.readValue(raw.body(), VIEWS.getTypeFactory().constructCollectionType(List.class, view));
        }

        /**
         * The fields a {@code 400 validation_failed} answer names; fails the test (showing the body)
         * when the answer is anything else.
         */
        public List<String> invalidFields() {
            ProblemView problem = expect(400).problem();
            if (!"validation_failed".equals(problem.code())) {
                throw new AssertionError("expected a validation_failed problem but got " + this);
            }
            return problem.fields();
        }

        /** The body as a problem (RFC 9457 with Roomtone's {@code code} and field errors). */
        public ProblemView problem() {
            return as(ProblemView.class);
        }

        public JsonNode json() {
            return raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
        }

        public String body() {
            return raw.body();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** The value of the cookie {@code name} that this response sets, if it sets one. */
        public Optional<String> cookie(String name) {
            return raw.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1).split(";", 2)[0])
                    .findFirst();
        }

        public Optional<String> setCookieHeader(String name) {
            return raw.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(name + "="))
                    .findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** Builds a JSON object from alternating names and values (values may be null, maps, lists). */
    public static String json(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }

    public static String unique(String prefix) {
        return prefix + " " + COUNTER.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    public Response post(String path, String body, String token) {
        return send("POST", path, body, token, Map.of());
    }

    public Response put(String path, String body, String token) {
        return send("PUT", path, body, token, Map.of());
    }

    /** A JSON merge patch (RFC 7396), sent as {@code application/merge-patch+json}. */
    public Response patch(String path, String body, String token) {
        return send("PATCH", path, body, token, Map.of("Content-Type", "application/merge-patch+json"));
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token, Map.of());
    }

    public Response send(String method, String path, String body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
    }

    /** The bearer token of the default studio's owner (created from configuration at start). */
    public synchronized String ownerToken() {
        if (ownerToken == null) {
            ownerToken = login(OWNER_EMAIL, OWNER_PASSWORD, null);
        }
        return ownerToken;
    }

    public String login(String email, String password, String studioSlug) {
        Map<String, String> headers = studioSlug == null ? Map.of() : Map.of("X-Studio", studioSlug);
        Response response = send("POST", "/api/auth/login", json("email", email, "password", password), null, headers);
        if (response.status() != 200) {
            throw new IllegalStateException("Login of " + email + " failed: " + response);
        }
        return response.json().get("token").asString();
    }

    /** Registers a new client of the default studio (or of {@code studioSlug}) and returns its token. */
    public String newClient(String studioSlug) {
        String email = "client-" + UUID.randomUUID() + "@example.test";
        return register(email, "client-password", "Client", studioSlug)
                .json()
                .get("token")
                .asString();
    }

    /**
     * Registers a client of the default studio (or of {@code studioSlug}) the way an artist does:
     * {@code POST /api/auth/register} (202), then the link of the confirmation mail (taken from
     * {@link AccountMailbox}) at {@code POST /api/auth/confirm-email}. Returns that answer: the
     * signed-in user and the token.
     */
    public Response register(String email, String password, String name, String studioSlug) {
        Map<String, String> headers = studioSlug == null ? Map.of() : Map.of("X-Studio", studioSlug);
        send("POST", "/api/auth/register", json("email", email, "password", password, "name", name), null, headers)
                .expect(202, "registration of " + email);
        if (mailbox == null) {
            throw new IllegalStateException("Registering needs the AccountMailbox in the test context");
        }
        return send("POST", "/api/auth/confirm-email", json("token", mailbox.confirmationToken(email)), null, headers)
                .expect(200, "confirmation of " + email);
    }

    /** A second studio, created by the platform operator, with its owner signed in. */
    public record OtherStudio(String id, String slug, String ownerToken, String ownerEmail) {

        public static final String OWNER_PASSWORD = "other-password";
    }

    public OtherStudio newStudio() {
        String slug = "studio-" + UUID.randomUUID().toString().substring(0, 8);
        String ownerEmail = "owner@" + slug + ".test";
        String basic =
                java.util.Base64.getEncoder().encodeToString((OPERATOR_EMAIL + ":" + OPERATOR_PASSWORD).getBytes());
        Response created = send(
                "POST",
                "/api/platform/studios",
                json(
                        "slug",
                        slug,
                        "name",
                        "Studio " + slug,
                        "owner",
                        Map.of("email", ownerEmail, "name", "Other Owner", "password", OtherStudio.OWNER_PASSWORD)),
                null,
                Map.of("Authorization", "Basic " + basic));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a studio: " + created);
        }
        return new OtherStudio(
                created.json().get("studio").get("id").asString(),
                slug,
                login(ownerEmail, OtherStudio.OWNER_PASSWORD, slug),
                ownerEmail);
    }
}
