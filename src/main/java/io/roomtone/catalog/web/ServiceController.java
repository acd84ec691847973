package io.roomtone.catalog.web;

import io.roomtone.catalog.Service;
import io.roomtone.catalog.ServiceDraft;
import io.roomtone.catalog.Services;
import io.roomtone.shared.MergePatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Services (admin)", description = "What the studio sells: sessions and add-ons")
@RestController
@RequestMapping("/api/admin/services")
class ServiceController {

    /** How PUT and PATCH treat each field (see {@link MergePatch}). */
    static final MergePatch.Fields FIELDS = MergePatch.Fields.of()
            .required("name", "default_duration_min", "base_price_cents")
            .defaulted("pricing_model", "per_block")
            .defaulted("requires_engineer", false)
            .defaulted("is_addon", false)
            .defaulted("active", true)
            .clearable("description", "room_tags", "staff_skill_required", "max_per_day", "custom_fields", "color");

    private static final String CUSTOM_FIELDS =
            """
            `color` is the colour of the service's sessions on the calendar board, `#rrggbb` (stored in lower \
            case), or null for none (the board then picks one of its palette); `max_per_day`, when set, is 1 to \
            1000. \
            `custom_fields` lists at most 20 questions a booking answers: `{key, label, type, required, \
            options}` with `key` matching `^[a-z][a-z0-9_]{0,39}$` and unique within the service, `label` 1-80 \
            characters without control or invisible characters, `type` one of `text`, `number`, `date`, \
            `select`, `checkbox`, and `options` (1-50 distinct, non-blank strings) only for a `select`. \
            Bookings keep a copy of the fields they answered, so editing them changes no booking.""";

    private final Services services;
    private final JsonMapper json;

    ServiceController(Services services, JsonMapper json) {
        this.services = services;
        this.json = json;
    }

    @Operation(summary = "All services, active or not")
    @GetMapping
    List<Service> list() {
        return services.list(false);
    }

    @Operation(
            summary = "Create a service",
            description = "`name` (unique within the studio), `default_duration_min` and `base_price_cents` are"
                    + " required; `pricing_model` is `per_block` (the default) or `fixed`. " + CUSTOM_FIELDS)
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
            summary = "Replace a service",
            description = "Every field: `name`, `default_duration_min` and `base_price_cents` are required;"
                    + " `pricing_model` left out is `per_block`, `requires_engineer` and `is_addon` false, `active`"
                    + " true; `description`, `room_tags`, `staff_skill_required`, `max_per_day`, `custom_fields` and"
                    + " `color` left out are cleared. Unknown fields are a 400. " + CUSTOM_FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = ServiceDraft.class))))
    @PutMapping("/{id}")
    Service replace(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<ServiceDraft> update = MergePatch.replace(json, body, ServiceDraft.class, FIELDS);
        return services.update(id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Change some fields of a service",
            description =
                    "JSON merge patch (RFC 7396, `application/merge-patch+json` or `application/json`): a field left out keeps its value, a field sent as `null` is cleared (`description`, `room_tags`, `staff_skill_required`, `max_per_day`,"
                            + " `custom_fields`, `color`) or reset to its default (`pricing_model`: `per_block`, `requires_engineer`,"
                            + " `is_addon`: false, `active`: true); `null` for `name`, `default_duration_min` or"
                            + " `base_price_cents` is a 400. Unknown fields are a 400. Checked as PUT is. "
                            + CUSTOM_FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = ServiceDraft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ServiceDraft.class))
                            }))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    Service patch(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<ServiceDraft> update = MergePatch.patch(json, body, ServiceDraft.class, FIELDS);
        return services.update(id, update.draft(), update.cleared());
    }

    @Operation(summary = "Delete a service", description = "Its buffer rules go with it.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        services.delete(id);
    }
}
