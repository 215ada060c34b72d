package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned runbook for one finding category ({@code problem_class}): the symptoms that point to
 * it, the investigation to run in order (tools of the catalog with their arguments and how to read
 * what they return), the remediation with each step's effect and whether an approval is expected,
 * and when to escalate. Arguments and texts may hold the placeholders {@code {{target}}},
 * {@code {{namespace}}}, {@code {{context}}} and {@code {{selector}}}; {@link #render} fills them
 * in (see {@link Placeholders}).
 */
public record Playbook(
        @Describe("pb_<problem class> for the built-in playbooks") String id,
        @Describe("Version of the playbook's content, e.g. 1 or 1.2") String version,
        @Describe("The finding category this playbook handles (diagnose reports it)") String problemClass,
        String title,
        List<String> symptoms,
        @Describe("Ordered steps: run each tool with these arguments and read the evidence as described") List<Step> investigation,
        List<Remedy> remediation,
        Escalation escalation,
        @Describe("built-in, or the file a user playbook was read from") String source) {

    public Playbook {
        symptoms = List.copyOf(symptoms);
        investigation = List.copyOf(investigation);
        remediation = List.copyOf(remediation);
    }

    /** One investigation step. */
    public record Step(
            String tool,
            @Describe("Arguments to pass; values may be placeholders such as {{target}}") Map<String, String> arguments,
            @Describe("What to look for in the result and how to read it") String lookFor) {
        public Step {
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }
    }

    /**
     * One remediation step; {@code tool} is null when the action is manual. The effect is kept as
     * its name (READ, WRITE, DESTRUCTIVE), as written in playbook files.
     */
    public record Remedy(
            String action,
            @Describe("The tool that performs it, when one exists (some arrive in a later release)") String tool,
            @Describe("READ, WRITE or DESTRUCTIVE") String effect,
            @Describe("Whether governance is expected to ask for an approval before it runs") boolean approvalExpected) {
        public Remedy {
            effect = Effect.valueOf(effect).name();
        }

        public Remedy(String action, String tool, Effect effect, boolean approvalExpected) {
            this(action, tool, effect.name(), approvalExpected);
        }

        /** The effect as governance classifies actions. */
        public Effect asEffect() {
            return Effect.valueOf(effect);
        }
    }

    /** When to stop troubleshooting alone: create an incident bundle and hand over. */
    public record Escalation(
            @Describe("Conditions under which to create an incident bundle (create_incident_bundle) and escalate") List<String> when,
            @Describe("Who to escalate to") String to) {
        public Escalation {
            when = List.copyOf(when);
        }
    }

    /** This playbook with its placeholders filled in where {@code values} knows them. */
    public Playbook render(Placeholders values) {
        List<Step> steps = investigation.stream().map(s -> new Step(s.tool(), values.arguments(s.arguments()),
                values.apply(s.lookFor()))).toList();
        List<Remedy> remedies = remediation.stream().map(r -> new Remedy(values.apply(r.action()), r.tool(), r.effect(),
                r.approvalExpected())).toList();
        Escalation e = new Escalation(escalation.when().stream().map(values::apply).toList(), values.apply(escalation.to()));
        return new Playbook(id, version, problemClass, title, symptoms, steps, remedies, e, source);
    }
}
