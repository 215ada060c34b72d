package io.aihelpdesk.governance;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.Locale;

/**
 * Whether this server may change what it looks after. {@code readonly} (the default) neither lists
 * nor runs a tool that writes to or destroys something on a database or cluster; {@code fix} lists
 * them and governs them (policy, approvals, audit). Tools whose target is the server's own host
 * (incident bundles written to its disk) are not remediation and stay available in both modes.
 */
public enum OperatingMode {
    READONLY, FIX;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code readonly} or {@code fix} (any case); the message names the source of a bad value. */
    public static OperatingMode parse(String text, String source) {
        if (text == null || text.isBlank()) {
            return READONLY;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "readonly", "read-only", "read_only" -> READONLY;
            case "fix" -> FIX;
            default -> throw new IllegalArgumentException(source + " must be readonly or fix, got '" + text + "'");
        };
    }

    /** Whether a tool with this effect may be listed and run in this mode. */
    public boolean offers(ToolDefinition<?, ?> tool, Effect effect) {
        return this == FIX || effect == Effect.READ || tool.target() == TargetKind.HOST;
    }
}
