package io.roomtone.scheduling.web;

import io.roomtone.scheduling.BufferRule;
import io.roomtone.scheduling.BufferRuleDraft;
import io.roomtone.scheduling.BufferRules;
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

@Tag(name = "Buffers (admin)", description = "Set-up and tear-down time around sessions")
@RestController
@RequestMapping("/api/admin/buffers")
class BufferController {

    private static final String FIELDS =
            """
            `scope` is `room`, `service` or `staff`, and `target_id` one of this studio's rooms, services or \
            staff members; each may have one buffer rule (a second is a 409 `conflict`). `before_min` and \
            `after_min` are 0 to 1440 minutes, 0 when left out on create.""";

    /** How PUT and PATCH treat each field (see {@link MergePatch}). */
    static final MergePatch.Fields PATCHING = MergePatch.Fields.of()
            .required("scope", "target_id")
            .defaulted("before_min", 0)
            .defaulted("after_min", 0);

    private final BufferRules buffers;
    private final JsonMapper json;

    BufferController(BufferRules buffers, JsonMapper json) {
        this.buffers = buffers;
        this.json = json;
    }

    @Operation(summary = "All buffer rules")
    @GetMapping
    List<BufferRule> list() {
        return buffers.list();
    }

    @Operation(summary = "Create a buffer rule", description = FIELDS)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    BufferRule create(@RequestBody BufferRuleDraft draft) {
        return buffers.create(draft);
    }

    @Operation(summary = "One buffer rule")
    @GetMapping("/{id}")
    BufferRule get(@PathVariable UUID id) {
        return buffers.get(id);
    }

    @Operation(
            summary = "Replace a buffer rule",
            description = "Every field: `scope` and `target_id` are required; `before_min` and `after_min` left"
                    + " out are 0. Unknown fields are a 400. " + FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = BufferRuleDraft.class))))
    @PutMapping("/{id}")
    BufferRule replace(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        return buffers.update(
                id,
                MergePatch.replace(json, body, BufferRuleDraft.class, PATCHING).draft());
    }

    @Operation(
            summary = "Change some fields of a buffer rule",
            description = "JSON merge patch (RFC 7396, `application/merge-patch+json` or `application/json`): a"
                    + " field left out keeps its value; `before_min` or `after_min` sent as `null` becomes 0;"
                    + " `null` for `scope` or `target_id` is a 400. Unknown fields are a 400. " + FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = BufferRuleDraft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = BufferRuleDraft.class))
                            }))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    BufferRule patch(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        return buffers.update(
                id,
                MergePatch.patch(json, body, BufferRuleDraft.class, PATCHING).draft());
    }

    @Operation(summary = "Delete a buffer rule")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        buffers.delete(id);
    }
}
