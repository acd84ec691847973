package io.roomtone.support;

import static io.roomtone.support.Api.json;

import io.roomtone.support.Api.Response;
import java.util.List;

/**
 * Sam, the engineer the staff tests hire at the default studio: skills written carelessly
 * ({@code "Mixing", " mastering ", "mixing"}), 45.00 an hour, on Google Calendar.
 */
public final class NewStaff {

    public static final String NAME = "Sam Engineer";

    private NewStaff() {}

    /** An email address nobody has used yet. */
    public static String email() {
        return Api.unique("staff").replace(' ', '-') + "@example.test";
    }

    /** The owner of the default studio adds Sam under {@code email}; with a password, or invited when it is null. */
    public static Response add(Api api, String email, String password) {
        return api.post(
                "/api/admin/staff",
                json(
                        "email",
                        email,
                        "name",
                        NAME,
                        "skills",
                        List.of("Mixing", " mastering ", "mixing"),
                        "hourly_rate_cents",
                        4_500,
                        "default_calendar_provider",
                        "google",
                        "password",
                        password),
                api.ownerToken());
    }

    /** As {@link #add}, which must succeed. */
    public static StaffView added(Api api, String email, String password) {
        return add(api, email, password).expect(201).as(StaffView.class);
    }

    /** Sam, invited (without a password) under a fresh address. */
    public static StaffView invited(Api api) {
        return added(api, email(), null);
    }

    /** Who {@code token} signs in, as the session answer says. */
    public static SessionView session(Api api, String token) {
        return api.get("/api/auth/session", token).expect(200).as(SessionView.class);
    }
}
