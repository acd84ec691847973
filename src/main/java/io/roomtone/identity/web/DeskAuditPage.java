package io.roomtone.identity.web;

import io.roomtone.identity.internal.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The studio's audit log as a page: who changed what and when, newest first, a kind of thing to
 * narrow it, and "Older entries" that continue exactly where the page ended (the same keyset as
 * {@code GET /api/admin/audit}). Bad parameters are refused by the binder as a 400 page.
 */
@Controller
class DeskAuditPage {

    /** One changed field, as the page lists it: values shown as their JSON text. */
    record Change(String field, String before, String after) {}

    /** An entry with its changes flattened for the template. */
    record Line(AuditLog.Entry entry, List<Change> changes) {}

    static final List<String> KINDS = List.of(
            "booking",
            "client",
            "room",
            "service",
            "staff",
            "schedule_rule",
            "closure",
            "buffer_rule",
            "settings",
            "user");

    private static final int PAGE_SIZE = 50;

    private final AuditLog auditLog;

    DeskAuditPage(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/admin/audit")
    String showAuditLog(
            @RequestParam(required = false) String entity,
            @RequestParam(required = false) Instant before,
            @RequestParam(name = "before_id", required = false) UUID beforeId,
            Model model) {
        String kind = entity != null && KINDS.contains(entity) ? entity : null;
        AuditLog.Page page = auditLog.page(kind, null, before, beforeId, PAGE_SIZE);
        model.addAttribute(
                "lines", page.items().stream().map(DeskAuditPage::line).toList());
        model.addAttribute("page", page);
        model.addAttribute("entity", kind);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("first", before == null);
        return "admin/audit";
    }

    private static Line line(AuditLog.Entry entry) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : entry.diff().properties()) {
            changes.add(new Change(
                    field.getKey(),
                    text(field.getValue().get("before")),
                    text(field.getValue().get("after"))));
        }
        return new Line(entry, changes);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "—";
        }
        String text = value.isString() ? value.asString() : value.toString();
        // a long description or list is cut, the page is a summary; the API has the whole diff
        return text.length() > 120 ? text.substring(0, 119) + "…" : text;
    }
}
