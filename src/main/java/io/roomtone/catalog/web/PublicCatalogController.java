package io.roomtone.catalog.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Catalog", description = "What clients can book (active items only)")
@RestController
@RequestMapping("/api")
class PublicCatalogController {

    private final Rooms rooms;
    private final Services services;

    PublicCatalogController(Rooms rooms, Services services) {
        this.rooms = rooms;
        this.services = services;
    }

    @Operation(summary = "Active rooms of the studio")
    @GetMapping("/rooms")
    List<Room> rooms() {
        return rooms.list(true);
    }

    @Operation(summary = "Active services and add-ons of the studio")
    @GetMapping("/services")
    List<Service> services() {
        return services.list(true);
    }
}
