package io.roomtone.support;

/** Reads the audit log of the studio whose admin signs in with the given token. */
public final class Audit {

    private Audit() {}

    /** The entries about one entity, newest first. */
    public static AuditView of(Api api, String adminToken, String entity, String entityId) {
        return raw(api, adminToken, entity, entityId).as(AuditView.class);
    }

    /** The same, as answered (to look for secrets in the text). */
    public static Api.Response raw(Api api, String adminToken, String entity, String entityId) {
        return api.get("/api/admin/audit?entity=" + entity + "&entity_id=" + entityId, adminToken)
                .expect(200);
    }

    /** The entries about one entity of the default studio, newest first. */
    public static AuditView of(Api api, String entity, String entityId) {
        return of(api, api.ownerToken(), entity, entityId);
    }
}
