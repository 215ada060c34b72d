package io.aihelpdesk.tools;

import java.util.List;
import java.util.Objects;

/**
 * Who asked. Until identity is configured, stdio callers are the OS user and HTTP callers are
 * anonymous with their remote address recorded.
 */
public record Caller(String id, String kind, List<String> roles, String origin) {
    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        roles = List.copyOf(roles);
        origin = origin == null ? "" : origin;
    }

    /** The local operating-system user: the caller of stdio and CLI doors. */
    public static Caller osUser(String door) {
        return new Caller(System.getProperty("user.name", "unknown"), "user", List.of(), door);
    }

    public static Caller anonymous(String origin) {
        return new Caller("anonymous", "anonymous", List.of(), origin);
    }
}
