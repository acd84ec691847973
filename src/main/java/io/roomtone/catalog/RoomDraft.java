package io.roomtone.catalog;

import java.util.List;

/**
 * The fields of a room as a client sends them. On create, {@code name} is required; on update, a
 * field left out (null) keeps its current value.
 */
public record RoomDraft(
        String name,
        String description,
        Integer capacity,
        List<String> tags,
        List<String> equipment,
        String color,
        Boolean active) {}
