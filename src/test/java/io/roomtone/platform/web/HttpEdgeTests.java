package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What every caller meets at the edge: health, API docs, and problems for requests that miss. */
@RoomtoneTest
class HttpEdgeTests {

    @Autowired
    Api api;

    @Test
    void healthIsPublicAndTheOtherActuatorEndpointsNeedAnAdmin() {
        Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");

        assertThat(api.get("/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics", api.newClient(null)).status()).isEqualTo(403);
        assertThat(api.get("/actuator/metrics", api.ownerToken()).status()).isEqualTo(200);
        assertThat(api.get("/actuator/flyway", api.ownerToken()).body()).contains("identity");
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
