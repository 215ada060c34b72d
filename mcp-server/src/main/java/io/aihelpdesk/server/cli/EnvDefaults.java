package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.policy.Verdict;
import java.nio.file.Path;

/**
 * The one precedence rule of the command line: a flag wins over its environment variable, which wins over
 * the same key in {@code helpdesk.yaml}, which wins over the default.
 */
final class EnvDefaults {
    private EnvDefaults() {
    }

    /** The flag, else the variable when set and not blank, else {@code fallback} (may be null). */
    static String text(String flag, String variable, String fallback) {
        if (flag != null) {
            return flag;
        }
        String v = io.aihelpdesk.server.config.Environment.current().apply(variable);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Like {@link #text}, for a file; null when neither is given. */
    static Path path(Path flag, String variable) {
        String v = text(flag == null ? null : flag.toString(), variable, null);
        return v == null ? null : Path.of(v);
    }

    /** What applies when no policy matches: {@code HELPDESK_DEFAULT_POLICY=allow}, else deny. */
    static Verdict defaultVerdict() {
        return "allow".equalsIgnoreCase(io.aihelpdesk.server.config.Environment.current().apply("HELPDESK_DEFAULT_POLICY")) ? Verdict.ALLOW : Verdict.DENY;
    }
}
