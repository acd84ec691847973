package io.roomtone.support;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A page of the audit log, newest first; {@code diff} is {@code {field: {before, after}}}. */
public record AuditView(List<Entry> items) {

    public record Entry(String action, String actor, String entity, String entityId, JsonNode diff) {}

    public List<String> actions() {
        return items.stream().map(Entry::action).toList();
    }
}
