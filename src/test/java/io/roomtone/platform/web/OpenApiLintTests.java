package io.roomtone.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description is one an integrator can generate a client from: Redocly CLI's
 * {@code recommended} rules find no error in it, and its security requirements are those of {@link
 * RouteRules}. Needs {@code npx} (Node.js); the pinned CLI is downloaded once into the npm cache, then
 * reused offline.
 */
@RoomtoneTest
class OpenApiLintTests {

    /** Pinned: a new CLI release may add rules, and the build must not change under us. */
    static final String REDOCLY_CLI = "@redocly/cli@2.77.0";

    @Autowired
    Api api;

    @Test
    void theOpenApiDescriptionLintsWithoutErrors() throws Exception {
        String docs = api.get("/v3/api-docs", null).expect(200).body();
        Path file = Path.of("target", "openapi.json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, docs, StandardCharsets.UTF_8);

        List<String> command = List.of(
                "npx",
                "--yes",
                REDOCLY_CLI,
                "lint",
                "--extends=recommended",
                // one line per problem: the default format quotes the (single-line) JSON document
                "--format=stylish",
                "--max-problems=1000",
                file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the cached CLI is used without asking the registry, so the test also runs offline
        builder.environment().put("npm_config_prefer_offline", "true");
        builder.environment().put("npm_config_update_notifier", "false");
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process lint;
        try {
            lint = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "npx (Node.js 20 or newer with npm) must be on the PATH to lint the OpenAPI description with "
                            + REDOCLY_CLI + "; install Node.js (e.g. apt-get install nodejs npm)",
                    e);
        }
        // read while it runs, so a long report cannot fill the pipe and stall the process
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lint.waitFor(5, TimeUnit.MINUTES)) {
            lint.destroyForcibly();
            fail("Redocly lint did not finish within 5 minutes:%n%s", output);
        }
        assertThat(lint.exitValue())
                .as("%s lint %s found errors:%n%s", REDOCLY_CLI, file, output)
                .isZero();
    }

    @Test
    void operationsRequireTheCredentialsTheirRouteRuleDoes() {
        JsonNode paths = api.get("/v3/api-docs", null).expect(200).json().get("paths");

        assertThat(schemesOf(paths, "/api/rooms", "get")).as("public").isEmpty();
        assertThat(paths.at("/~1api~1rooms/get/security").isArray())
                .as("public operations say so with security: []")
                .isTrue();
        assertThat(schemesOf(paths, "/api/me/bookings", "get")).containsExactly("bearer", "session");
        assertThat(schemesOf(paths, "/api/admin/rooms/{id}", "put")).containsExactly("bearer", "session");
        assertThat(schemesOf(paths, "/api/platform/studios", "post")).containsExactly("operator");

        JsonNode adminPut = paths.at("/~1api~1admin~1rooms~1{id}/put/responses");
        assertThat(adminPut.propertyNames()).contains("400", "401", "403", "404", "409");
        assertThat(adminPut.at("/404/content/application~1problem+json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(paths.at("/~1api~1rooms/get/responses").propertyNames())
                .as("no id, no body, nothing forbidden")
                .doesNotContain("400", "403", "404", "409");
    }

    private static List<String> schemesOf(JsonNode paths, String path, String method) {
        List<String> schemes = new ArrayList<>();
        paths.get(path).get(method).get("security").forEach(requirement -> schemes.addAll(requirement.propertyNames()));
        return schemes;
    }
}
