package io.roomtone.identity;

import java.security.Principal;
import java.util.UUID;

/**
 * The signed-in user of a request; the principal of its Spring Security authentication. Everyone
 * signs in with an e-mail address, so {@code email} is set, except in the moment between a client's
 * address being cleared (which ends their sessions) and a request already under way.
 */
public record CurrentUser(UUID id, UUID studioId, String email, String name, Role role) implements Principal {

    @Override
    public String getName() {
        return email != null ? email : id.toString();
    }
}
