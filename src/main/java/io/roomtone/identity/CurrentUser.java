package io.roomtone.identity;

import java.security.Principal;
import java.util.UUID;

/** The signed-in user of a request; the principal of its Spring Security authentication. */
public record CurrentUser(UUID id, UUID studioId, String email, String name, Role role) implements Principal {

    @Override
    public String getName() {
        return email;
    }
}
