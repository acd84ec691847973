package io.roomtone.scheduling;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Set-up and assertions shared by the scheduling API tests. */
final class Fixtures {

    static final String UNKNOWN_ID = "8d9b1c1e-0000-4000-8000-000000000000";

    private Fixtures() {}

    /** A new room of the studio signed in with {@code token}; returns its id. */
    static String room(Api api, String token) {
        Response created = api.post("/api/admin/rooms", json("name", Api.unique("Room")), token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** The fields named by a 400 {@code validation_failed} response. */
    static List<String> fields(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("code").asString())
                .as(response.toString())
                .isEqualTo("validation_failed");
        return response.json().get("errors").findValuesAsString("field");
    }

    /** The audit actions recorded for one entity, newest first. */
    static List<String> auditActions(Api api, String entity, String id) {
        return audit(api, entity, id).get("items").findValuesAsString("action");
    }

    static JsonNode audit(Api api, String entity, String id) {
        Response audit = api.get("/api/admin/audit?entity=" + entity + "&entity_id=" + id, api.ownerToken());
        assertThat(audit.status()).isEqualTo(200);
        return audit.json();
    }

    /** Every route answers 401 without a token and 403 to a client of the studio. */
    static void adminOnly(Api api, String body, String... methodsAndPaths) {
        String client = api.newClient(null);
        for (String route : methodsAndPaths) {
            String[] parts = route.split(" ", 2);
            String payload = parts[0].equals("POST") || parts[0].equals("PUT") ? body : null;
            assertThat(api.send(parts[0], parts[1], payload, null, Map.of()).status())
                    .as("anonymous " + route)
                    .isEqualTo(401);
            assertThat(api.send(parts[0], parts[1], payload, client, Map.of()).status())
                    .as("client " + route)
                    .isEqualTo(403);
        }
    }
}
