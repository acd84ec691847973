package io.roomtone.identity.web;

import io.roomtone.identity.internal.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit log", description = "Who changed what, and when")
@RestController
@RequestMapping("/api/admin/audit")
class AuditController {

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Operation(
            summary = "Audit entries, newest first",
            description = "Page with `before` and `before_id` = the previous page's `next_before` and"
                    + " `next_before_id` (entries of one transaction share a time; the id keeps a page"
                    + " from skipping them).")
    @GetMapping
    AuditLog.Page list(
            @RequestParam(required = false) String entity,
            @RequestParam(name = "entity_id", required = false) UUID entityId,
            @RequestParam(required = false) Instant before,
            @RequestParam(name = "before_id", required = false) UUID beforeId,
            @RequestParam(defaultValue = "50") int limit) {
        return auditLog.page(entity, entityId, before, beforeId, limit);
    }
}
