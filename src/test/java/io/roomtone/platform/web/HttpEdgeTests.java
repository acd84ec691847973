package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** What every caller meets at the edge: health, API docs, and problems for requests that miss. */
@RoomtoneTest
class HttpEdgeTests {

    @Autowired
    Api api;

    private static Map<String, String> operator() {
        return Map.of(
                "Authorization",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((Api.OPERATOR_EMAIL + ":" + Api.OPERATOR_PASSWORD).getBytes()));
    }

    @Test
    void healthIsPublicAndTheOtherActuatorEndpointsAreForTheOperatorWhenThereAreSeveralStudios() {
        Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");

        assertThat(api.get("/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics", api.newClient(null)).status()).isEqualTo(403);
        // multi-studio mode: one studio's owner must not read the whole installation's data
        assertThat(api.get("/actuator/metrics", api.ownerToken()).status()).isEqualTo(403);
        assertThat(api.get("/actuator/flyway", api.ownerToken()).status()).isEqualTo(403);
        assertThat(api.send("GET", "/actuator/metrics", null, null, operator()).status())
                .isEqualTo(200);
        assertThat(api.send("GET", "/actuator/flyway", null, null, operator()).body())
                .contains("identity");
    }

    @Test
    void theNulCharacterIsRefusedAsBadInputEvenFromAnonymousCallers() {
        Response login = api.post("/api/auth/login", "{\"email\":\"a\\u0000@b.co\",\"password\":\"x\"}", null);
        assertThat(login.status()).as(login.toString()).isEqualTo(400);
        assertThat(login.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(login.json().at("/errors/0/field").asString()).isEqualTo("email");

        Response register = api.post(
                "/api/auth/register",
                "{\"email\":\"nul@example.test\",\"password\":\"long-enough\",\"name\":\"x\\u0000\"}",
                null);
        assertThat(register.status()).as(register.toString()).isEqualTo(400);
        assertThat(register.json().at("/errors/0/field").asString()).isEqualTo("name");

        Response room = api.post("/api/admin/rooms", "{\"name\":\"r\\u0000\"}", api.ownerToken());
        assertThat(room.status()).as(room.toString()).isEqualTo(400);
        assertThat(room.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(room.json().at("/errors/0/field").asString()).isEqualTo("name");
        Response tag = api.post("/api/admin/rooms", "{\"name\":\"r\",\"tags\":[\"a\\u0000\"]}", api.ownerToken());
        assertThat(tag.status()).as(tag.toString()).isEqualTo(400);
        assertThat(tag.json().at("/errors/0/field").asString()).isEqualTo("tags[0]");

        // a query parameter reaches PostgreSQL, which refuses the character: still bad input, not a 500
        Response audit = api.get("/api/admin/audit?entity=%00", api.ownerToken());
        assertThat(audit.status()).as(audit.toString()).isEqualTo(400);
        assertThat(audit.json().get("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void badPercentEncodingInAQueryIsAMalformedRequest() throws Exception {
        assertMalformed(raw("GET", "/api/admin/audit?limit=%ZZ", "Authorization: Bearer " + api.ownerToken()));

        // read by a filter (CSRF protection looks for a _csrf parameter): the container's 400
        String session = api.post(
                        "/api/auth/login", json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD), null)
                .cookie("roomtone_session")
                .orElseThrow();
        assertMalformed(raw("POST", "/api/auth/logout?x=%ZZ", "Cookie: roomtone_session=" + session));
    }

    private static void assertMalformed(String response) {
        assertThat(response.split(" ", 3)[1]).as(response).isEqualTo("400");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(JsonMapper.builder().build().readTree(body).get("code").asString())
                .as(response)
                .isEqualTo("malformed_request");
    }

    /**
     * java.net.URI refuses to build requests with bad percent-encoding, so they are written by hand
     * (HTTP/1.0: the response body is not chunked).
     */
    private String raw(String method, String target, String header) throws java.io.IOException {
        try (Socket socket = new Socket(api.uri("/").getHost(), api.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write((method + " " + target + " HTTP/1.0\r\nHost: localhost\r\n" + header
                                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theOpenApiDescriptionIsGeneratedFromTheCode() {
        Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains(
                        "/api/auth/register",
                        "/api/auth/login",
                        "/api/admin/rooms",
                        "/api/admin/rooms/{id}",
                        "/api/rooms");
        assertThat(docs.json().at("/components/schemas/Service/properties").propertyNames())
                .as("schemas use the API's snake_case names")
                .contains("default_duration_min", "base_price_cents", "is_addon");
        assertThat(docs.json()
                        .at("/paths/~1api~1bookings/post/responses/429/headers")
                        .propertyNames())
                .as("rate-limited routes say so")
                .contains("Retry-After");
        assertThat(docs.json()
                        .at("/paths/~1api~1availability~1search/post/responses/429/headers")
                        .propertyNames())
                .as("uncached anonymous searches are limited too")
                .contains("Retry-After");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeAnyWork() {
        String huge = json("name", "x".repeat(1_200_000));
        Response response = api.post("/api/admin/rooms", huge, api.ownerToken());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("code").asString()).isEqualTo("payload_too_large");
    }

    @Test
    void wrongMediaTypesAndMethodsAreProblemsNotErrors() {
        Response text =
                api.send("POST", "/api/admin/rooms", "name=x", api.ownerToken(), Map.of("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("code").asString()).isEqualTo("unsupported_media_type");

        Response patch = api.send("PATCH", "/api/admin/rooms", "{}", api.ownerToken(), Map.of());
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.json().get("code").asString()).isEqualTo("method_not_allowed");

        Response missing = api.get("/api/admin/nothing-here", api.ownerToken());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("not_found");
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedRatherThanConverted() {
        String owner = api.ownerToken();
        for (String body : new String[] {
            "{\"name\": 42}",
            "{\"name\": \"A\", \"capacity\": \"6\"}",
            "{\"name\": \"A\", \"capacity\": 1.5}",
            "{\"name\": \"A\", \"active\": \"yes\"}",
            "{\"name\": \"A\", \"tags\": \"vocal\"}"
        }) {
            Response response = api.post("/api/admin/rooms", body, owner);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().get("code").asString()).as(body).isEqualTo("validation_failed");
            assertThat(response.json().at("/errors/0/field").asString())
                    .as(body)
                    .isNotBlank();
        }
    }

    @Test
    void badQueryParametersNameTheParameter() {
        Response response = api.get("/api/admin/audit?limit=lots", api.ownerToken());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("limit");
        assertThat(api.get("/api/admin/audit?limit=0", api.ownerToken()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/audit?before=yesterday", api.ownerToken())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theOperatorCreatesStudiosWithTheirOwners() {
        String basic =
                "Basic " + java.util.Base64.getEncoder().encodeToString((Api.OPERATOR_EMAIL + ":wrong").getBytes());
        assertThat(api.send("GET", "/api/platform/studios", null, null, Map.of("Authorization", basic))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/platform/studios", api.ownerToken()).status()).isEqualTo(403);

        Api.OtherStudio studio = api.newStudio();
        assertThat(api.get("/api/auth/session", studio.ownerToken())
                        .json()
                        .at("/user/role")
                        .asString())
                .isEqualTo("owner");

        String operator = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((Api.OPERATOR_EMAIL + ":" + Api.OPERATOR_PASSWORD).getBytes());
        Response duplicate = api.send(
                "POST",
                "/api/platform/studios",
                json(
                        "slug",
                        studio.slug(),
                        "name",
                        "Again",
                        "owner",
                        Map.of("email", "x@example.test", "name", "X", "password", "long-enough")),
                null,
                Map.of("Authorization", operator));
        assertThat(duplicate.status()).isEqualTo(409);
        Response noOwner = api.send(
                "POST",
                "/api/platform/studios",
                json("slug", "lonely", "name", "Lonely"),
                null,
                Map.of("Authorization", operator));
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(noOwner.json().at("/errors/0/field").asString()).isEqualTo("owner");
        Response badOwner = api.send(
                "POST",
                "/api/platform/studios",
                json(
                        "slug",
                        "half-made",
                        "name",
                        "Half",
                        "owner",
                        Map.of("email", "nope", "name", "N", "password", "x")),
                null,
                Map.of("Authorization", operator));
        assertThat(badOwner.status()).isEqualTo(400);
        Response list = api.send("GET", "/api/platform/studios", null, null, Map.of("Authorization", operator));
        assertThat(list.body()).contains(studio.slug()).doesNotContain("half-made");
    }
}
