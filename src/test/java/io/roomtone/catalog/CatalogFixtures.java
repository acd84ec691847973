package io.roomtone.catalog;

import static io.roomtone.support.Api.json;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import java.util.List;
import java.util.Map;

/** Data and callers that several catalog tests need. */
final class CatalogFixtures {

    static final String STAFF_PASSWORD = "staff-password-1";

    private CatalogFixtures() {}

    /** A new staff member of the default studio with a password, signed in; returns their token. */
    static String staffToken(Api api) {
        String email = Api.unique("staff").replace(' ', '-') + "@example.test";
        Response created = api.post(
                "/api/admin/staff",
                json("email", email, "name", "Staff", "password", STAFF_PASSWORD),
                api.ownerToken());
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a staff member: " + created);
        }
        return api.login(email, STAFF_PASSWORD, null);
    }

    /** An anonymous caller, a client and a staff member: none of them may use the back office. */
    static Map<String, String> nonAdmins(Api api) {
        java.util.LinkedHashMap<String, String> callers = new java.util.LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("client", api.newClient(null));
        callers.put("staff", staffToken(api));
        return callers;
    }

    static List<String> strings(Response response, String field) {
        return response.json().get(field).valueStream().map(n -> n.asString()).toList();
    }
}
