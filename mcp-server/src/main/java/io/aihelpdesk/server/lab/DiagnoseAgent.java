package io.aihelpdesk.server.lab;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.faults.Fault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic agent: calls the {@code diagnose} tool through the governance pipeline (door
 * {@code lab}) on the lab's target, with the focus the fault's category routes to, exactly as any
 * other caller would. It never tells the tool which fault was injected. Each answer uses a fresh
 * {@link Lab#helpdesk()}.
 */
public final class DiagnoseAgent implements Agent {
    private final Lab lab;
    private final Caller caller = new Caller("aihelpdesk-lab", "service", List.of(), "lab");

    public DiagnoseAgent(Lab lab) {
        this.lab = lab;
    }

    @Override
    public String name() {
        return "diagnose";
    }

    @Override
    public Answer answer(Fault fault) throws Exception {
        return diagnose(fault.focus());
    }

    /** Runs {@code diagnose} on the lab target with {@code focus} (all, database or kubernetes). */
    public Answer diagnose(String focus) throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("connection_string", Lab.TARGET);
        args.put("k8s_context", lab.k8sContext());
        args.put("k8s_namespace", lab.namespace());
        args.put("focus", focus);
        try (Helpdesk h = lab.helpdesk()) {
            if (h.catalog().find("diagnose").isEmpty()) {
                throw new IllegalStateException("this build has no `diagnose` tool (the deterministic triage engine); "
                        + "the lab cannot score an answer without it");
            }
            Outcome o = h.pipeline().run(new Invocation("diagnose", args, caller, null, "lab"));
            if (!(o instanceof Outcome.Succeeded s)) {
                return new Answer(o.text(), List.of(), null, List.of("diagnose did not succeed: " + o.text()));
            }
            return new Answer(o.text(), tools(s.data()), topCategory(s.data()), alarming(s.data()));
        }
    }

    private static List<String> tools(Map<String, Object> data) {
        List<String> out = new ArrayList<>();
        if (data.get("checks") instanceof List<?> checks) {
            for (Object c : checks) {
                if (c instanceof Map<?, ?> m && m.get("name") != null) {
                    out.add(String.valueOf(m.get("name")));
                }
            }
        }
        return out;
    }

    private static String topCategory(Map<String, Object> data) {
        if (data.get("findings") instanceof List<?> f && !f.isEmpty() && f.get(0) instanceof Map<?, ?> m) {
            return m.get("category") == null ? null : String.valueOf(m.get("category"));
        }
        return null;
    }

    /** Findings above info severity, as "category (severity)": what a healthy target must not have. */
    public static List<String> alarming(Map<String, Object> data) {
        List<String> out = new ArrayList<>();
        if (data.get("findings") instanceof List<?> f) {
            for (Object o : f) {
                if (o instanceof Map<?, ?> m && !"info".equalsIgnoreCase(String.valueOf(m.get("severity")))) {
                    out.add(m.get("category") + " (" + m.get("severity") + ")");
                }
            }
        }
        return out;
    }
}
