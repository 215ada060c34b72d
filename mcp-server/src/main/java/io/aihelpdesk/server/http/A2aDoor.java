package io.aihelpdesk.server.http;

import io.aihelpdesk.a2a.A2aServlet;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.Version;
import io.aihelpdesk.server.a2a.ChatAnswerer;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Mounts the A2A bridge ({@code /a2a/*}, {@code /.well-known/agent-card.json}) on the
 * {@code helpdesk serve} port: the same Host/Origin checks and authenticated caller as MCP and
 * REST, text parts answered by the chat over the in-process MCP surface (door {@code a2a}).
 */
final class A2aDoor {
    private static final String DOOR = "a2a";

    private A2aDoor() {
    }

    static void mount(ServletContextHandler root, Helpdesk helpdesk, ServerTransportSecurityValidator security,
                      Function<HttpServletRequest, Caller> callers, boolean authRequired, UnaryOperator<String> env) {
        A2aServlet servlet = new A2aServlet(helpdesk.pipeline(), new ChatAnswerer(helpdesk, DOOR, env), callers,
                req -> refusal(security, req), A2aDoor::trace, Version.current(), authRequired);
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        for (String path : A2aServlet.mappings()) {
            root.getServletHandler().addServletWithMapping(holder, path);
        }
    }

    private static String refusal(ServerTransportSecurityValidator security, HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        try {
            security.validateHeaders(headers);
            return null;
        } catch (ServerTransportSecurityException e) {
            return e.getMessage() + " — call from an allowed host/origin (loopback binds accept only localhost)";
        }
    }

    /** {@code traceparent}, else a well-formed {@code X-Trace-ID}, else null (the message metadata may carry one). */
    private static String trace(HttpServletRequest req) {
        String trace = Invocation.traceIdFromTraceparent(req.getHeader("traceparent"));
        String header = req.getHeader("X-Trace-ID");
        if (trace == null && header != null && header.matches("[A-Za-z0-9_.:-]{1,64}")) {
            trace = header;
        }
        return trace;
    }
}
