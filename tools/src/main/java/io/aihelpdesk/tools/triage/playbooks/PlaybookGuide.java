package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.Effect;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A rendered playbook as text an agent (or a person) follows step by step. Used by
 * {@code get_playbook} and by the MCP prompts, so both say the same thing.
 */
public final class PlaybookGuide {
    static final String INCIDENT_BUNDLE = "create_incident_bundle";

    private PlaybookGuide() {
    }

    /**
     * @param playbook  the playbook, already {@linkplain Playbook#render rendered}
     * @param placement where the target runs ("" when unknown)
     * @param available whether a tool is in this server's catalog; remediation tools that are not
     *                  are shown as manual steps
     */
    public static String text(Playbook playbook, String placement, Predicate<String> available) {
        StringBuilder s = new StringBuilder();
        s.append("Playbook ").append(playbook.id()).append(" v").append(playbook.version()).append(" — ")
                .append(playbook.title()).append('\n');
        if (!placement.isEmpty()) {
            s.append("Target: ").append(placement).append('\n');
        }
        s.append("\nSymptoms:\n");
        playbook.symptoms().forEach(x -> s.append("- ").append(x).append('\n'));
        s.append("\nInvestigation (run the steps in order; each says what to look for):\n");
        int i = 1;
        for (Playbook.Step step : playbook.investigation()) {
            s.append(i++).append(". ").append(call(step))
                    .append(available.test(step.tool()) ? "" : " — not offered by this server yet: skip this step")
                    .append('\n')
                    .append("   Look for: ").append(oneLine(step.lookFor())).append('\n');
        }
        s.append("\nRemediation (propose these with the evidence; a WRITE or DESTRUCTIVE step needs the user's go-ahead "
                + "and may need an approval):\n");
        i = 1;
        for (Playbook.Remedy r : playbook.remediation()) {
            s.append(i++).append(". [").append(r.effect())
                    .append(r.approvalExpected() ? ", approval expected" : "").append("] ").append(oneLine(r.action()));
            if (r.tool() != null) {
                s.append(available.test(r.tool()) ? " — tool: " + r.tool()
                        : " — tool: " + r.tool() + " (not offered by this server yet: do it by hand or hand it over)");
            } else if (r.asEffect() != Effect.READ) {
                s.append(" — manual");
            }
            s.append('\n');
        }
        s.append("\nEscalate to ").append(oneLine(playbook.escalation().to()))
                .append(", with an incident bundle from ").append(INCIDENT_BUNDLE)
                .append(available.test(INCIDENT_BUNDLE) ? "" : " (or the evidence gathered so far, until this server offers it)")
                .append(", when:\n");
        playbook.escalation().when().forEach(x -> s.append("- ").append(oneLine(x)).append('\n'));
        return s.toString().stripTrailing();
    }

    /** {@code tool(name="value", ...)}, the way an agent writes the call. */
    static String call(Playbook.Step step) {
        return step.tool() + step.arguments().entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
