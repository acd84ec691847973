package io.roomtone.support;

/** Who a token signs in ({@code GET /api/auth/session}). */
public record SessionView(User user) {

    public record User(String id, String email, String name, String role) {}

    public String role() {
        return user.role();
    }

    public String userId() {
        return user.id();
    }
}
