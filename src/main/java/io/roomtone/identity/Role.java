package io.roomtone.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a user may do in their studio. A client is the person who books (the artist). */
public enum Role {
    OWNER,
    ADMIN,
    STAFF,
    CLIENT;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The Spring Security authority, for {@code hasRole(...)} rules. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isAdmin() {
        return this == OWNER || this == ADMIN;
    }
}
