package io.roomtone.support;

import java.util.List;

/** A room of the catalog. */
public record RoomView(
        String id,
        String name,
        String description,
        Integer capacity,
        List<String> tags,
        List<String> equipment,
        String color,
        boolean active) {}
