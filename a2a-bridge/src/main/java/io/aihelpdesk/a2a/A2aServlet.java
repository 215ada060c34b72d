package io.aihelpdesk.a2a;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The A2A door. URL layout (all on the {@code helpdesk serve} port, behind its authentication):
 * <pre>
 *   GET  /.well-known/agent-card.json               the orchestrator's card (the server's own card)
 *   GET  /a2a                                       the agents: name, description, card and JSON-RPC URLs
 *   GET  /a2a/{agent}/.well-known/agent-card.json   one agent's card
 *   POST /a2a/{agent}                               its JSON-RPC endpoint (0.3 and 1.0 method names)
 * </pre>
 * It only translates: the work is {@link Execution}'s, every tool runs through the pipeline.
 */
public final class A2aServlet extends HttpServlet {
    /** Where the agents live: {@code <server>/a2a/<agent>} is an agent's base URL. */
    public static final String PREFIX = "/a2a";
    public static final String CARD = "/.well-known/agent-card.json";
    private static final Logger LOG = LoggerFactory.getLogger(A2aServlet.class);
    private static final int MAX_BODY = 1 << 20;
    /** How long a blocking send waits for its task before answering with the task still working. */
    static final long BLOCKING_WAIT_SECONDS = 600;
    private final transient Pipeline pipeline;
    private final transient Execution execution;
    private final transient Function<HttpServletRequest, Caller> callers;
    private final transient Function<HttpServletRequest, String> refusals;
    private final transient Function<HttpServletRequest, String> traces;
    private final String version;
    private final boolean authRequired;

    /**
     * @param answerer     the chat that answers text parts, or null (text parts then fail with a hint)
     * @param callers      the caller of a request as the server's authentication established it
     * @param refusals     why a request is refused by the Host/Origin checks (null when it is not)
     * @param traces       the trace id the request's headers carry ({@code traceparent}, {@code X-Trace-ID}), or null
     * @param authRequired whether the server demands a bearer token (the cards say so)
     */
    public A2aServlet(Pipeline pipeline, TextAnswerer answerer, Function<HttpServletRequest, Caller> callers,
                      Function<HttpServletRequest, String> refusals, Function<HttpServletRequest, String> traces,
                      String version, boolean authRequired) {
        this.pipeline = pipeline;
        this.execution = new Execution(pipeline, answerer);
        this.callers = callers;
        this.refusals = refusals;
        this.traces = traces;
        this.version = version;
        this.authRequired = authRequired;
    }

    /** The servlet path specs to register. */
    public static List<String> mappings() {
        return List.of(PREFIX, PREFIX + "/*", CARD);
    }

    /** Whether a path is public (agent cards, for discovery); everything else needs the caller's token. */
    public static boolean isCard(String path) {
        return path.equals(CARD) || (path.startsWith(PREFIX + "/") && path.endsWith(CARD));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String refused = refusals.apply(req);
        if (refused != null) {
            Replies.plain(resp, 403, Map.of("error", "forbidden_origin", "message", refused));
            return;
        }
        String path = req.getRequestURI();
        if (path.equals(CARD)) {
            card(req, resp, DomainAgent.ORCHESTRATOR);
            return;
        }
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            Replies.plain(resp, 200, Map.of("agents", DomainAgent.ALL.stream().map(a -> listing(req, a)).toList()));
            return;
        }
        String rest = path.substring(PREFIX.length() + 1);
        String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        DomainAgent agent = DomainAgent.named(name);
        if (agent == null) {
            Replies.plain(resp, 404, Map.of("error", "unknown_agent", "message", "no A2A agent '" + name + "' here; agents: "
                    + String.join(", ", DomainAgent.ALL.stream().map(DomainAgent::name).toList()) + " (GET " + PREFIX + " lists them)"));
            return;
        }
        String tail = rest.substring(name.length());
        if (tail.equals(CARD) && "GET".equals(req.getMethod())) {
            card(req, resp, name);
        } else if ((tail.isEmpty() || tail.equals("/")) && "POST".equals(req.getMethod())) {
            rpc(req, resp, agent);
        } else {
            Replies.plain(resp, tail.isEmpty() || tail.equals("/") || tail.equals(CARD) ? 405 : 404, Map.of("error", "not_found", "message",
                    req.getMethod() + " " + path + " is not served: GET " + PREFIX + "/" + name + CARD + " is the card, POST "
                            + PREFIX + "/" + name + " the JSON-RPC endpoint"));
        }
    }

    private Map<String, Object> listing(HttpServletRequest req, DomainAgent a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("description", a.description());
        out.put("url", base(req) + PREFIX + "/" + a.name());
        out.put("card_url", base(req) + PREFIX + "/" + a.name() + CARD);
        out.put("skills", a.tools(pipeline.catalog()).size() + 1);
        return out;
    }

    private void card(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
        String asked = req.getHeader("A2A-Version");
        Replies.plain(resp, 200, AgentCard.of(DomainAgent.named(name), pipeline.catalog(), base(req) + PREFIX + "/" + name, version, authRequired,
                asked != null && asked.trim().startsWith("1")));
    }

    @SuppressWarnings("unchecked")
    private void rpc(HttpServletRequest req, HttpServletResponse resp, DomainAgent agent) throws IOException {
        Map<String, Object> envelope;
        try {
            byte[] body = req.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                Replies.error(resp, null, new RpcError(RpcError.INVALID_REQUEST, "the request is larger than " + MAX_BODY
                        + " bytes; send large inputs by reference (a URL or an inventory id), not inline"));
                return;
            }
            envelope = Json.mapper().readValue(new String(body, StandardCharsets.UTF_8), Map.class);
        } catch (RuntimeException e) {
            Replies.error(resp, null, new RpcError(RpcError.PARSE_ERROR, "the body is not a JSON object: " + e.getMessage()));
            return;
        }
        Object id = envelope.get("id");
        try {
            if (!"2.0".equals(envelope.get("jsonrpc")) || !(envelope.get("method") instanceof String method)) {
                throw new RpcError(RpcError.INVALID_REQUEST, "a JSON-RPC 2.0 request needs \"jsonrpc\": \"2.0\", a \"method\" and an \"id\"");
            }
            Map<String, Object> params = envelope.get("params") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
            Map.Entry<Protocol, Protocol.Call> call = Protocol.of(method);
            Protocol protocol = call.getKey();
            Caller caller = callers.apply(req);
            switch (call.getValue()) {
                case SEND -> Replies.result(resp, id, send(protocol, agent, params, caller, req));
                case STREAM -> Replies.stream(resp, id, protocol, execution.start(agent, params, caller, traces.apply(req), true));
                case GET -> Replies.result(resp, id, protocol.task(find(agent, params, caller), historyLength(params)));
                case CANCEL -> Replies.result(resp, id, cancel(protocol, agent, params, caller));
                case SUBSCRIBE -> Replies.stream(resp, id, protocol, subscribable(protocol, agent, params, caller));
            }
        } catch (RpcError e) {
            Replies.error(resp, id, e);
        } catch (RuntimeException e) {
            LOG.error("A2A {}: request failed", agent.name(), e);
            Replies.error(resp, id, new RpcError(RpcError.INTERNAL_ERROR, "the server failed answering: " + e));
        }
    }

    private Map<String, Object> send(Protocol protocol, DomainAgent agent, Map<String, Object> params, Caller caller,
                                     HttpServletRequest req) throws RpcError {
        Task task = execution.start(agent, params, caller, traces.apply(req));
        if (blocking(params)) {
            await(task);
        }
        return protocol.sendResult(task);
    }

    /** 0.3 {@code configuration.blocking} (default true here) and 1.0 {@code configuration.returnImmediately}. */
    private static boolean blocking(Map<String, Object> params) {
        if (params.get("configuration") instanceof Map<?, ?> c) {
            if (Boolean.TRUE.equals(c.get("returnImmediately")) || Boolean.FALSE.equals(c.get("blocking"))) {
                return false;
            }
        }
        return true;
    }

    static void await(Task task) {
        try {
            task.settled().get(BLOCKING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the task says where it is; the caller polls tasks/get
        }
    }

    private Task find(DomainAgent agent, Map<String, Object> params, Caller caller) throws RpcError {
        if (!(params.get("id") instanceof String id) || id.isBlank()) {
            throw new RpcError(RpcError.INVALID_PARAMS, "params.id (the task id) is required");
        }
        return execution.tasks().find(id, agent.name(), caller.id())
                .orElseThrow(() -> new RpcError(RpcError.TASK_NOT_FOUND, "task " + id + " not found for " + caller.id() + " at " + agent.name()));
    }

    private static Integer historyLength(Map<String, Object> params) {
        return params.get("historyLength") instanceof Number n ? Math.max(0, n.intValue()) : null;
    }

    private Map<String, Object> cancel(Protocol protocol, DomainAgent agent, Map<String, Object> params, Caller caller) throws RpcError {
        Task task = find(agent, params, caller);
        if (!task.cancel()) {
            throw new RpcError(RpcError.TASK_NOT_CANCELABLE, "task " + task.id + " is already " + protocol.state(task.view().state())
                    + " and cannot be canceled");
        }
        return protocol.task(task, null);
    }

    /** A task a client may (re)subscribe to: one that has not ended. */
    private Task subscribable(Protocol protocol, DomainAgent agent, Map<String, Object> params, Caller caller) throws RpcError {
        Task task = find(agent, params, caller);
        TaskState state = task.view().state();
        if (state.terminal()) {
            throw new RpcError(RpcError.UNSUPPORTED_OPERATION, "task " + task.id + " is already " + protocol.state(state)
                    + ": there is nothing to subscribe to; tasks/get (GetTask) returns it");
        }
        return task;
    }

    /** {@code scheme://host[:port]} as the client addressed this server. */
    static String base(HttpServletRequest req) {
        String host = req.getHeader("Host");
        return req.getScheme() + "://" + (host == null ? req.getServerName() + ":" + req.getServerPort() : host);
    }

    @Override
    public void destroy() {
        execution.close();
    }
}
