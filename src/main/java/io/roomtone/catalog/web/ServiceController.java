package io.roomtone.catalog.web;

import io.roomtone.catalog.Service;
import io.roomtone.catalog.ServiceDraft;
import io.roomtone.catalog.Services;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Services (admin)", description = "What the studio sells: sessions and add-ons")
@RestController
@RequestMapping("/api/admin/services")
class ServiceController {

    private final Services services;

    ServiceController(Services services) {
        this.services = services;
    }

    @Operation(summary = "All services, active or not")
    @GetMapping
    List<Service> list() {
        return services.list(false);
    }

    @Operation(
            summary = "Create a service",
            description = "`name` (unique within the studio), `default_duration_min`, `base_price_cents` and"
                    + " `pricing_model` (`per_block` or `fixed`) are required.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Service create(@RequestBody ServiceDraft draft) {
        return services.create(draft);
    }

    @Operation(summary = "One service")
    @GetMapping("/{id}")
    Service get(@PathVariable UUID id) {
        return services.get(id);
    }

    @Operation(
            summary = "Update a service",
            description = "Fields left out keep their values; an empty `staff_skill_required` clears it.")
    @PutMapping("/{id}")
    Service update(@PathVariable UUID id, @RequestBody ServiceDraft draft) {
        return services.update(id, draft);
    }

    @Operation(summary = "Delete a service", description = "Its buffer rules go with it.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        services.delete(id);
    }
}
