package io.aihelpdesk.governance.policy;

import java.util.List;
import java.util.Objects;

/** Who asks: {@code kind} is {@code user}, {@code service} or {@code anonymous}. */
public record Principal(String id, String kind, List<String> roles) {
    public Principal {
        Objects.requireNonNull(kind, "kind");
        id = id == null ? "" : id;
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static Principal user(String id, String... roles) {
        return new Principal(id, "user", List.of(roles));
    }

    public static Principal service(String id, String... roles) {
        return new Principal(id, "service", List.of(roles));
    }

    public static Principal anonymous() {
        return new Principal("", "anonymous", List.of());
    }
}
