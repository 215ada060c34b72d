package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.triage.Diagnose;
import io.aihelpdesk.tools.triage.DiagnosisText;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One chat: answers questions by running governed tools through the {@link Pipeline} under the
 * chatting user's identity (door {@code chat}, one trace id per question), and answers the slash
 * commands. Without a language model every question is routed by {@link OfflineRouter} to {@code diagnose}.
 */
public final class ChatSession {
    static final String DOOR = "chat";
    private final Pipeline pipeline;
    private final Inventory inventory;
    private final AuditStore audit;
    private final Caller caller;
    private final ModelChat model;
    private final String offlineReason;
    private volatile String lastTrace;

    /** Offline. */
    public ChatSession(Pipeline pipeline, Inventory inventory, AuditStore audit, Caller caller) {
        this(pipeline, inventory, audit, caller, null, "no language model configured");
    }

    /** @param model the language model to use, or null to route offline for {@code offlineReason} */
    ChatSession(Pipeline pipeline, Inventory inventory, AuditStore audit, Caller caller, ModelSettings model, String offlineReason) {
        this.pipeline = pipeline;
        this.inventory = inventory;
        this.audit = audit;
        this.caller = caller;
        this.model = model == null ? null : new ModelChat(model, pipeline, inventory, audit);
        this.offlineReason = offlineReason;
    }

    /** What the user sees first: which model answers (or that the chat is offline, and why), and as whom calls run. */
    public String banner() {
        String mode = model == null
                ? "OFFLINE (" + offlineReason + ").\nQuestions are routed by keywords to the diagnose triage and its playbooks"
                : "model " + model.settings() + ".\nThe model answers using the tools";
        return "aiHelpDesk chat — " + mode + "; every call is governed and audited as " + caller.id() + ".\n"
                + pipeline.catalog().all().size() + " tools, " + inventory.dbServers().size() + " database"
                + (inventory.dbServers().size() == 1 ? "" : "s") + " in the inventory. /help for commands, /quit to leave.";
    }

    /** The answer to one question, from the model, or offline: the database and why, the findings, the playbook. */
    public String ask(String question) {
        return ask(question, null);
    }

    /**
     * @param tokens with a model, receives the answer as it streams (the return value is then only
     *               what follows it); null to get the whole answer back
     */
    public String ask(String question, java.util.function.Consumer<String> tokens) {
        if (model != null) {
            String trace = Invocation.newTraceId();
            lastTrace = trace;
            ModelChat.Answer a = model.ask(new ModelChat.Question(question, caller, trace, DOOR, null), tokens);
            String body = a.error() != null ? (tokens == null ? "" : "\n") + a.error() : tokens == null ? a.text() : "";
            return body + "\n\ntrace " + trace + " — /trace shows every governed call it made";
        }
        OfflineRouter.Routing r = OfflineRouter.route(question, inventory);
        if (r.database() == null) {
            return r.candidates().isEmpty()
                    ? "The inventory has no databases, so there is nothing to diagnose. Start the chat with --inventory FILE "
                            + "(or HELPDESK_INFRA_CONFIG) listing your databases."
                    : "Which database? Name one of: " + String.join(", ", r.candidates()) + " (e.g. \"is " + r.candidates().get(0)
                            + " slow?\"). /databases lists them.";
        }
        String trace = Invocation.newTraceId();
        lastTrace = trace;
        Outcome outcome = pipeline.run(new Invocation("diagnose", Map.of("connection_string", r.database(),
                "focus", r.focus().name().toLowerCase(Locale.ROOT)), caller, trace, DOOR));
        StringBuilder s = new StringBuilder();
        s.append("→ diagnose ").append(r.database()).append(" (focus ").append(r.focus().name().toLowerCase(Locale.ROOT))
                .append(r.keywords().isEmpty() ? "" : "; matched: " + String.join(", ", r.keywords())).append(")\n\n");
        s.append(outcome instanceof Outcome.Succeeded ok
                ? DiagnosisText.summary(Json.mapper().convertValue(ok.data(), Diagnose.Reply.class)) : outcome.text()).append('\n');
        List<String> playbooks = playbooks(outcome);
        if (r.playbook() != null && !playbooks.contains(r.playbook())) {
            s.append("\nPlaybook for what you asked about: ").append(r.playbook()).append(" (no such finding right now)\n");
        }
        if (!playbooks.isEmpty()) {
            s.append("\nPlaybook").append(playbooks.size() > 1 ? "s" : "").append(" for the findings: ").append(String.join(", ", playbooks)).append('\n');
        }
        s.append("\ntrace ").append(trace).append(" — /trace shows every governed call it made");
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> playbooks(Outcome outcome) {
        if (!(outcome instanceof Outcome.Succeeded ok) || !(ok.data().get("findings") instanceof List<?> findings)) {
            return List.of();
        }
        return findings.stream().map(f -> ((Map<String, Object>) f).get("playbook")).filter(p -> p instanceof String)
                .map(Object::toString).distinct().toList();
    }

    /** {@code /databases}: the inventory, no secrets. */
    public String databases() {
        if (inventory.dbServers().isEmpty()) {
            return "No databases in the inventory.";
        }
        return inventory.dbServers().values().stream().map(db -> String.format("  %-20s %-11s %s", db.id(), db.hosting(),
                db.tags().isEmpty() ? "" : "tags: " + String.join(", ", db.tags()))).collect(Collectors.joining("\n"));
    }

    /** {@code /tools}: the catalog, with each tool's effect. */
    public String tools() {
        return pipeline.catalog().all().stream().map(t -> String.format("  %-24s %s", t.name(), t.effect().name().toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining("\n"));
    }

    /** {@code /trace}: the audit events of the last question, in order. */
    public String trace() {
        String trace = lastTrace;
        if (trace == null) {
            return "No question asked yet.";
        }
        List<AuditEvent> events = audit.query(AuditQuery.all().trace(trace).limit(AuditQuery.MAX_LIMIT));
        StringBuilder s = new StringBuilder("trace ").append(trace).append(": ").append(events.size()).append(" audit events\n");
        for (AuditEvent e : events) {
            s.append(String.format("  %-16s %-24s %s%n", e.eventType(), e.tool() == null ? "" : e.tool().name(),
                    e.outcome() == null ? "" : e.outcome().status()));
        }
        return s.toString().stripTrailing();
    }

    /** {@code /agents}: the domain agents the router delegates to, and their tools. */
    public String agents() {
        return java.util.Arrays.stream(Agent.values()).map(a -> String.format("  %-9s %s", a.id,
                String.join(", ", a.tools(pipeline.catalog())))).collect(Collectors.joining("\n"))
                + (model == null ? "\n(offline: questions go to diagnose directly)" : "");
    }

    /** {@code /model}: which model answers, or why the chat is offline. */
    public String model() {
        return model == null ? "offline: " + offlineReason : model.settings().toString();
    }

    public String lastTrace() {
        return lastTrace;
    }
}
