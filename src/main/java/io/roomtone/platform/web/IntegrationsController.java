package io.roomtone.platform.web;

import io.roomtone.shared.Integration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Integrations (admin)", description = "Which outside services are on")
@RestController
class IntegrationsController {

    private final List<Integration> integrations;

    IntegrationsController(List<Integration> integrations) {
        this.integrations = integrations;
    }

    @Operation(
            summary = "The integrations and whether each is configured",
            description = "Every outside service Roomtone can use (payment gateways; mail, SMS and calendars as "
                    + "they arrive), whether it is configured, and what to set to turn it on. Roomtone works fully "
                    + "without any of them.")
    @GetMapping("/api/admin/integrations")
    List<Integration.Status> integrations() {
        return integrations.stream().map(Integration::status).toList();
    }
}
