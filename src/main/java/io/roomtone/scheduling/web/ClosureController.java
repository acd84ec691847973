package io.roomtone.scheduling.web;

import io.roomtone.scheduling.Closure;
import io.roomtone.scheduling.ClosureDraft;
import io.roomtone.scheduling.Closures;
import io.roomtone.shared.MergePatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Exceptions (admin)", description = "Closures and blackouts of the studio, a room or a staff member")
@RestController
@RequestMapping("/api/admin/exceptions")
class ClosureController {

    private static final String FIELDS =
            """
            `target_type` is `studio`, `room` or `staff`; `target_id` is required for a room or staff member \
            of this studio and left out for the studio. `start_at` and `end_at` are ISO-8601 instants with any \
            offset (returned in UTC, `Z`); the closure is `[start_at, end_at)`, at most 366 days long. \
            `reason` is up to 500 characters.""";

    /** How PUT and PATCH treat each field (see {@link MergePatch}). */
    static final MergePatch.Fields PATCHING =
            MergePatch.Fields.of().required("target_type", "start_at", "end_at").clearable("target_id", "reason");

    private final Closures closures;
    private final JsonMapper json;

    ClosureController(Closures closures, JsonMapper json) {
        this.closures = closures;
        this.json = json;
    }

    @Operation(
            summary = "Exceptions, earliest first",
            description = "With `from` and/or `to` (ISO-8601 instants), only those overlapping `[from, to)`.")
    @GetMapping
    List<Closure> list(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        return closures.overlapping(from, to);
    }

    @Operation(summary = "Create an exception", description = FIELDS)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Closure create(@RequestBody ClosureDraft draft) {
        return closures.create(draft);
    }

    @Operation(summary = "One exception")
    @GetMapping("/{id}")
    Closure get(@PathVariable UUID id) {
        return closures.get(id);
    }

    @Operation(
            summary = "Replace an exception",
            description = "Every field: `target_type`, `start_at` and `end_at` are required; `target_id` and"
                    + " `reason` left out are cleared. Unknown fields are a 400. " + FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = ClosureDraft.class))))
    @PutMapping("/{id}")
    Closure replace(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<ClosureDraft> update = MergePatch.replace(json, body, ClosureDraft.class, PATCHING);
        return closures.update(id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Change some fields of an exception",
            description =
                    "JSON merge patch (RFC 7396, `application/merge-patch+json` or `application/json`): a field left out keeps its value, a field sent as `null` is cleared (`target_id`, `reason`); `null` for `target_type`, `start_at` or"
                            + " `end_at` is a 400; a new `target_type` takes `target_id` from the same request. Unknown"
                            + " fields are a 400. " + FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = ClosureDraft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ClosureDraft.class))
                            }))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    Closure patch(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<ClosureDraft> update = MergePatch.patch(json, body, ClosureDraft.class, PATCHING);
        return closures.update(id, update.draft(), update.cleared());
    }

    @Operation(summary = "Delete an exception")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        closures.delete(id);
    }
}
