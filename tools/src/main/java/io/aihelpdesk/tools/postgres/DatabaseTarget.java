package io.aihelpdesk.tools.postgres;

import java.util.List;

/**
 * A resolved PostgreSQL target. {@code id} is the inventory id ("" when the caller gave a
 * connection string that matches no inventory entry); {@code name} is what policies match on.
 */
public record DatabaseTarget(String id, String name, List<String> tags, ConnectionSpec spec) {
    public DatabaseTarget {
        tags = List.copyOf(tags);
    }

    /** How the target is named in messages: its inventory id, else the connection without password. */
    public String display() {
        return id.isEmpty() ? spec.toString() : id;
    }
}
