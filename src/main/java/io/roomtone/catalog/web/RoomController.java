package io.roomtone.catalog.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.RoomDraft;
import io.roomtone.catalog.Rooms;
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

@Tag(name = "Rooms (admin)", description = "The studio's bookable rooms")
@RestController
@RequestMapping("/api/admin/rooms")
class RoomController {

    private final Rooms rooms;

    RoomController(Rooms rooms) {
        this.rooms = rooms;
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

    @Operation(summary = "Update a room", description = "Fields left out keep their values.")
    @PutMapping("/{id}")
    Room update(@PathVariable UUID id, @RequestBody RoomDraft draft) {
        return rooms.update(id, draft);
    }

    @Operation(summary = "Delete a room", description = "Its schedule rules, blackouts and buffers go with it.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        rooms.delete(id);
    }
}
