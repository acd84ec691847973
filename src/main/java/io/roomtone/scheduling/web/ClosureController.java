package io.roomtone.scheduling.web;

import io.roomtone.scheduling.Closure;
import io.roomtone.scheduling.ClosureDraft;
import io.roomtone.scheduling.Closures;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

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

    private final Closures closures;

    ClosureController(Closures closures) {
        this.closures = closures;
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
            summary = "Update an exception",
            description = "Fields left out keep their values; a new `target_type` takes `target_id` from the same"
                    + " request. " + FIELDS)
    @PutMapping("/{id}")
    Closure update(@PathVariable UUID id, @RequestBody ClosureDraft draft) {
        return closures.update(id, draft);
    }

    @Operation(summary = "Delete an exception")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        closures.delete(id);
    }
}
