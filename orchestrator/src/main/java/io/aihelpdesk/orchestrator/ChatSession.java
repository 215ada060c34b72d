package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.triage.Diagnose;
import io.aihelpdesk.tools.triage.DiagnosisText;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One chat: answers questions by running tools over its MCP session with the server — so every call
 * is governed and audited there as the chatting user — one trace id per question, and answers the
 * slash commands. Without a language model every question is routed by {@link OfflineRouter} to {@code diagnose}.
 */
public final class ChatSession {
    private final McpConnection server;
    private final AuditTrail trail;
    private final Caller caller;
    private final String door;
    private final List<Database> inventory;
    private final ModelChat model;
    private final String offlineReason;
    private volatile String lastTrace;

    /**
     * @param server        the MCP session the tools run through (its identity is {@code caller})
     * @param trail         the server's audit trail, for delegation decisions and {@code /trace}
     * @param door          how delegation decisions name this door ({@code chat})
     * @param model         the language model to use, or null to route offline for {@code offlineReason}
     */
    ChatSession(McpConnection server, AuditTrail trail, Caller caller, String door, ModelSettings model, String offlineReason) {
        this.server = server;
        this.trail = trail;
        this.caller = caller;
        this.door = door;
        this.inventory = server.databases();
        this.model = model == null ? null : new ModelChat(model, inventory, trail);
        this.offlineReason = offlineReason;
    }

    /** What the user sees first: which model answers (or that the chat is offline, and why), and as whom calls run. */
    public String banner() {
        String mode = model == null
                ? "OFFLINE (" + offlineReason + ").\nQuestions are routed by keywords to the diagnose triage and its playbooks"
                : "model " + model.settings() + ".\nThe model answers using the tools";
        return "aiHelpDesk chat — " + mode + "; every call is governed and audited as " + caller.id() + " by the server ("
                + server.where() + ").\n" + server.tools().size() + " tools, " + inventory.size() + " database"
                + (inventory.size() == 1 ? "" : "s") + " in the inventory. /help for commands, /quit to leave.";
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
        return ask(question, Invocation.newTraceId(), tokens);
    }

    /**
     * As {@link #ask(String, java.util.function.Consumer)}, with the trace id the question's calls
     * are audited under (a door that received one, such as A2A message metadata, passes it on).
     */
    public String ask(String question, String trace, java.util.function.Consumer<String> tokens) {
        if (model != null) {
            lastTrace = trace;
            ModelChat.Answer a = model.ask(new ModelChat.Question(question, server, caller, trace, door, null), tokens);
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
        lastTrace = trace;
        String focus = r.focus().name().toLowerCase(Locale.ROOT);
        McpConnection.Reply reply = server.call("diagnose", Map.of("connection_string", r.database(), "focus", focus), trace);
        StringBuilder s = new StringBuilder();
        s.append("→ diagnose ").append(r.database()).append(" (focus ").append(focus)
                .append(r.keywords().isEmpty() ? "" : "; matched: " + String.join(", ", r.keywords())).append(")\n\n");
        s.append(reply.ok() && !reply.data().isEmpty()
                ? DiagnosisText.summary(Json.mapper().convertValue(reply.data(), Diagnose.Reply.class)) : reply.text()).append('\n');
        List<String> playbooks = playbooks(reply);
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
    private static List<String> playbooks(McpConnection.Reply reply) {
        if (!reply.ok() || !(reply.data().get("findings") instanceof List<?> findings)) {
            return List.of();
        }
        return findings.stream().map(f -> ((Map<String, Object>) f).get("playbook")).filter(p -> p instanceof String)
                .map(Object::toString).distinct().toList();
    }

    /** {@code /databases}: the inventory, no secrets. */
    public String databases() {
        if (inventory.isEmpty()) {
            return "No databases in the inventory.";
        }
        return inventory.stream().map(db -> String.format("  %-20s %-11s %s", db.id(), db.hosting(),
                db.tags().isEmpty() ? "" : "tags: " + String.join(", ", db.tags()))).collect(Collectors.joining("\n"));
    }

    /** {@code /tools}: the tools the server lists, with each tool's effect (from its MCP annotations). */
    public String tools() {
        return server.tools().stream().map(t -> String.format("  %-24s %s", t.name(), effect(t))).collect(Collectors.joining("\n"));
    }

    private static String effect(McpSchema.Tool t) {
        McpSchema.ToolAnnotations a = t.annotations();
        if (a == null) {
            return "";
        }
        return Boolean.TRUE.equals(a.readOnlyHint()) ? "read" : Boolean.TRUE.equals(a.destructiveHint()) ? "destructive" : "write";
    }

    /** {@code /trace}: the audit events of the last question, in order. */
    public String trace() {
        String trace = lastTrace;
        if (trace == null) {
            return "No question asked yet.";
        }
        List<AuditEvent> events = trail.trace(trace);
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
                String.join(", ", a.tools(server.tools())))).collect(Collectors.joining("\n"))
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
