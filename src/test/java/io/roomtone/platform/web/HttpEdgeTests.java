package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        health.expect(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");

        api.get("/actuator/metrics", null).expect(401);
        api.get("/actuator/metrics", api.newClient(null)).expect(403);
        // multi-studio mode: one studio's owner must not read the whole installation's data
        api.get("/actuator/metrics", api.ownerToken()).expect(403);
        api.get("/actuator/flyway", api.ownerToken()).expect(403);
        api.send("GET", "/actuator/metrics", null, null, operator()).expect(200);
        assertThat(api.send("GET", "/actuator/flyway", null, null, operator()).body())
                .contains("identity");
    }

    @Test
    void theNulCharacterIsRefusedAsBadInputEvenFromAnonymousCallers() {
        Response login = api.post("/api/auth/login", "{\"email\":\"a\\u0000@b.co\",\"password\":\"x\"}", null);
        login.expect(400);
        assertThat(login.problem().code()).isEqualTo("validation_failed");
        assertThat(login.problem().field()).isEqualTo("email");

        Response register = api.post(
                "/api/auth/register",
                "{\"email\":\"nul@example.test\",\"password\":\"long-enough\",\"name\":\"x\\u0000\"}",
                null);
        register.expect(400);
        assertThat(register.problem().field()).isEqualTo("name");

        Response room = api.post("/api/admin/rooms", "{\"name\":\"r\\u0000\"}", api.ownerToken());
        room.expect(400);
        assertThat(room.problem().code()).isEqualTo("validation_failed");
        assertThat(room.problem().field()).isEqualTo("name");
        Response tag = api.post("/api/admin/rooms", "{\"name\":\"r\",\"tags\":[\"a\\u0000\"]}", api.ownerToken());
        tag.expect(400);
        assertThat(tag.problem().field()).isEqualTo("tags[0]");

        // a query parameter reaches PostgreSQL, which refuses the character: still bad input, not a 500
        Response audit = api.get("/api/admin/audit?entity=%00", api.ownerToken());
        audit.expect(400);
        assertThat(audit.problem().code()).isEqualTo("validation_failed");
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

        docs.expect(200);
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
        assertThat(docs.json().at("/paths/~1api~1bookings/post/responses").propertyNames())
                .as("content negotiation and media type refusals are described")
                .contains("406", "415");
        assertThat(docs.json().at("/paths/~1api~1rooms/get/parameters").findValuesAsString("name"))
                .as("a multi-studio client says which studio it means")
                .contains("X-Studio");
        assertThat(docs.json()
                        .at("/paths/~1api~1platform~1studios/post/parameters")
                        .findValuesAsString("name"))
                .doesNotContain("X-Studio");
        api.get("/swagger-ui/index.html", null).expect(200);
    }

    @Test
    void pagesStylesAndJsonTravelCompressedToClientsThatAcceptIt() {
        for (String path : List.of("/css/roomtone.css", "/js/roomtone.js", "/v3/api-docs")) {
            Response answer = api.send("GET", path, null, null, Map.of("Accept-Encoding", "gzip"));
            answer.expect(200);
            assertThat(answer.raw().headers().firstValue("Content-Encoding"))
                    .as(path)
                    .contains("gzip");
        }
        Response plain = api.get("/css/roomtone.css", null);
        assertThat(plain.raw().headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void everyScriptAndStylesheetOfThePagesTogetherStayUnder100KilobytesCompressed() throws Exception {
        // all of them, as if one page loaded every one: a bound on every single page
        List<String> assets = new java.util.ArrayList<>(List.of("/css/roomtone.css"));
        try (var templates = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/templates"))) {
            for (java.nio.file.Path template :
                    templates.filter(f -> f.toString().endsWith(".html")).toList()) {
                java.util.regex.Matcher script = java.util.regex.Pattern.compile("th:src=\"@\\{([^}]+)}\"")
                        .matcher(java.nio.file.Files.readString(template));
                while (script.find()) {
                    if (!assets.contains(script.group(1))) {
                        assets.add(script.group(1));
                    }
                }
            }
        }
        assertThat(assets).contains("/js/roomtone.js", "/webjars/htmx.org/dist/htmx.min.js");
        long total = 0;
        for (String asset : assets) {
            HttpResponse<byte[]> answer = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(api.uri(asset))
                                    .header("Accept-Encoding", "gzip")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            // files under 1 KB travel as they are (server.compression.min-response-size)
            total += answer.body().length;
        }
        assertThat(total).as("compressed bytes of %s", assets).isLessThanOrEqualTo(100 * 1024);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeAnyWork() {
        String huge = json("name", "x".repeat(1_200_000));
        Response response = api.post("/api/admin/rooms", huge, api.ownerToken());

        response.expect(413);
        assertThat(response.problem().code()).isEqualTo("payload_too_large");
    }

    @Test
    void wrongMediaTypesAndMethodsAreProblemsNotErrors() {
        Response text =
                api.send("POST", "/api/admin/rooms", "name=x", api.ownerToken(), Map.of("Content-Type", "text/plain"));
        text.expect(415);
        assertThat(text.problem().code()).isEqualTo("unsupported_media_type");

        Response patch = api.send("PATCH", "/api/admin/rooms", "{}", api.ownerToken(), Map.of());
        patch.expect(405);
        assertThat(patch.problem().code()).isEqualTo("method_not_allowed");

        Response missing = api.get("/api/admin/nothing-here", api.ownerToken());
        missing.expect(404);
        assertThat(missing.problem().code()).isEqualTo("not_found");
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
            response.expect(400, body);
            assertThat(response.problem().code()).as(body).isEqualTo("validation_failed");
            assertThat(response.problem().field()).as(body).isNotBlank();
        }
    }

    @Test
    void badQueryParametersNameTheParameter() {
        Response response = api.get("/api/admin/audit?limit=lots", api.ownerToken());
        response.expect(400);
        assertThat(response.problem().field()).isEqualTo("limit");
        api.get("/api/admin/audit?limit=0", api.ownerToken()).expect(400);
        api.get("/api/admin/audit?before=yesterday", api.ownerToken()).expect(400);
    }

    @Test
    void theOperatorCreatesStudiosWithTheirOwners() {
        String basic =
                "Basic " + java.util.Base64.getEncoder().encodeToString((Api.OPERATOR_EMAIL + ":wrong").getBytes());
        api.send("GET", "/api/platform/studios", null, null, Map.of("Authorization", basic))
                .expect(401);
        api.get("/api/platform/studios", api.ownerToken()).expect(403);

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
        duplicate.expect(409);
        Response noOwner = api.send(
                "POST",
                "/api/platform/studios",
                json("slug", "lonely", "name", "Lonely"),
                null,
                Map.of("Authorization", operator));
        noOwner.expect(400);
        assertThat(noOwner.problem().field()).isEqualTo("owner");
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
        badOwner.expect(400);
        Response list = api.send("GET", "/api/platform/studios", null, null, Map.of("Authorization", operator));
        assertThat(list.body()).contains(studio.slug()).doesNotContain("half-made");
    }
}
