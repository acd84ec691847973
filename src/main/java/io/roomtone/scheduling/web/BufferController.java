package io.roomtone.scheduling.web;

import io.roomtone.scheduling.BufferRule;
import io.roomtone.scheduling.BufferRuleDraft;
import io.roomtone.scheduling.BufferRules;
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

@Tag(name = "Buffers (admin)", description = "Set-up and tear-down time around sessions")
@RestController
@RequestMapping("/api/admin/buffers")
class BufferController {

    private static final String FIELDS =
            """
            `scope` is `room`, `service` or `staff`, and `target_id` one of this studio's rooms, services or \
            staff members; each may have one buffer rule (a second is a 409 `conflict`). `before_min` and \
            `after_min` are 0 to 1440 minutes, 0 when left out on create.""";

    private final BufferRules buffers;

    BufferController(BufferRules buffers) {
        this.buffers = buffers;
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

    @Operation(summary = "Update a buffer rule", description = "Fields left out keep their values. " + FIELDS)
    @PutMapping("/{id}")
    BufferRule update(@PathVariable UUID id, @RequestBody BufferRuleDraft draft) {
        return buffers.update(id, draft);
    }

    @Operation(summary = "Delete a buffer rule")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        buffers.delete(id);
    }
}
