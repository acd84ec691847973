package io.roomtone.catalog.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.RoomDraft;
import io.roomtone.catalog.Rooms;
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

@Tag(name = "Rooms (admin)", description = "The studio's bookable rooms")
@RestController
@RequestMapping("/api/admin/rooms")
class RoomController {

    /** How PUT and PATCH treat each field (see {@link MergePatch}). */
    static final MergePatch.Fields FIELDS = MergePatch.Fields.of()
            .required("name")
            .defaulted("active", true)
            .clearable("description", "capacity", "tags", "equipment", "color");

    private final Rooms rooms;
    private final JsonMapper json;

    RoomController(Rooms rooms, JsonMapper json) {
        this.rooms = rooms;
        this.json = json;
    }

    @Operation(summary = "All rooms, active or not")
    @GetMapping
    List<Room> list() {
        return rooms.list(false);
    }

    @Operation(summary = "Create a room", description = "`name` is required and unique within the studio.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Room create(@RequestBody RoomDraft draft) {
        return rooms.create(draft);
    }

    @Operation(summary = "One room")
    @GetMapping("/{id}")
    Room get(@PathVariable UUID id) {
        return rooms.get(id);
    }

    @Operation(
            summary = "Replace a room",
            description = "Every field: `name` is required; `active` left out becomes true; `description`,"
                    + " `capacity`, `tags`, `equipment` and `color` left out are cleared. Unknown fields are a 400.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = RoomDraft.class))))
    @PutMapping("/{id}")
    Room replace(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<RoomDraft> update = MergePatch.replace(json, body, RoomDraft.class, FIELDS);
        return rooms.update(id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Change some fields of a room",
            description =
                    "JSON merge patch (RFC 7396, `application/merge-patch+json` or `application/json`): a field left out keeps its value, a field sent as `null` is cleared (`description`, `capacity`, `tags`, `equipment`, `color`), `active: null` becomes true,"
                            + " `name: null` is a 400. Unknown fields are a 400. Checked as PUT is.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = RoomDraft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = RoomDraft.class))
                            }))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    Room patch(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<RoomDraft> update = MergePatch.patch(json, body, RoomDraft.class, FIELDS);
        return rooms.update(id, update.draft(), update.cleared());
    }

    @Operation(summary = "Delete a room", description = "Its schedule rules, blackouts and buffers go with it.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        rooms.delete(id);
    }
}
