package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Describe;
import java.util.Map;

/** What to run next about a finding: a tool with its arguments, its effect, and why. */
public record NextStep(
        String tool,
        Map<String, Object> arguments,
        @Describe("READ, WRITE or DESTRUCTIVE: whether the step changes anything") String effect,
        String why,
        @Describe("False when this server does not offer the tool (remediation tools need operating mode fix)") boolean available) {

    public static NextStep read(String tool, Map<String, Object> arguments, String why) {
        return new NextStep(tool, arguments, "READ", why, true);
    }

    public static NextStep change(String tool, Map<String, Object> arguments, String effect, String why) {
        return new NextStep(tool, arguments, effect, why, true);
    }

    NextStep availableIf(boolean offered) {
        return new NextStep(tool, arguments, effect, why, offered);
    }
}
