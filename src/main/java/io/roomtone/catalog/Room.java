package io.roomtone.catalog;

import java.util.List;
import java.util.UUID;

/** A bookable space of the studio: a live room, a control room, a photo cyc. */
public record Room(
        UUID id,
        String name,
        String description,
        Integer capacity,
        List<String> tags,
        List<String> equipment,
        String color,
        boolean active) {}
