package io.roomtone.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A JSON answer that does no work: what the HTTP stack, security and filters cost on their own.
 * Benchmarks measure it next to real endpoints as the ceiling; load balancers may use it too.
 */
@Tag(name = "Operations")
@RestController
class PingController {

    private static final Map<String, String> PONG = Map.of("status", "ok");

    @Operation(summary = "Answers {\"status\":\"ok\"} without touching the database")
    @GetMapping("/api/ping")
    Map<String, String> ping() {
        return PONG;
    }
}
