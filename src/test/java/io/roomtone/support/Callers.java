package io.roomtone.support;

import static io.roomtone.support.Api.json;

import java.util.LinkedHashMap;
import java.util.Map;

/** The people who call the API besides the owner, and what the back office refuses them. */
public final class Callers {

    public static final String STAFF_PASSWORD = "staff-password-1";

    private Callers() {}

    /** A new staff member of the default studio with a password, signed in; returns their token. */
    public static String staff(Api api) {
        String email = Api.unique("staff").replace(' ', '-') + "@example.test";
        api.post(
                        "/api/admin/staff",
                        json("email", email, "name", "Staff", "password", STAFF_PASSWORD),
                        api.ownerToken())
                .expect(201);
        return api.login(email, STAFF_PASSWORD, null);
    }

    /** An anonymous caller (null token), a client and a staff member: none of them may use the back office. */
    public static Map<String, String> nonAdmins(Api api) {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("client", api.newClient(null));
        callers.put("staff", staff(api));
        return callers;
    }

    /**
     * Every route (for example {@code "PUT /api/admin/settings"}) answers 401 without a token and 403
     * to a client of the default studio; {@code body} goes with POST and PUT.
     */
    public static void assertAdminOnly(Api api, String body, String... methodsAndPaths) {
        String client = api.newClient(null);
        for (String route : methodsAndPaths) {
            String[] parts = route.split(" ", 2);
            String payload = parts[0].equals("POST") || parts[0].equals("PUT") ? body : null;
            api.send(parts[0], parts[1], payload, null, Map.of()).expect(401, "anonymous " + route);
            api.send(parts[0], parts[1], payload, client, Map.of()).expect(403, "client " + route);
        }
    }
}
