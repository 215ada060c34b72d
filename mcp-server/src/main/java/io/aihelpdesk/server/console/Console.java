package io.aihelpdesk.server.console;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.identity.JwtVerifier;
import io.aihelpdesk.server.Helpdesk;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.time.Clock;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The web console at {@code /console}: approvals inbox, audit timeline, fleet health and incidents,
 * rendered on the server (no scripts, no external assets; works offline). It is a door like the
 * others: tools run only through the governance pipeline, approvals through the approval service.
 */
public final class Console {
    private Console() {
    }

    /**
     * Whether the console answers this path itself. The API's bearer filter lets these through: the
     * sign-in page must load without a bearer header, and every other console page checks its session
     * (or a bearer header) itself and fails closed.
     */
    public static boolean owns(String path) {
        // Plain segments only: no "..", no encoded or ";" parameters that could make the raw path name another servlet.
        return path != null && OWN.matcher(path).matches() && !path.contains("..") && !path.contains("//");
    }

    private static final java.util.regex.Pattern OWN = java.util.regex.Pattern.compile("/console(/[A-Za-z0-9_.-]*)*");

    /**
     * Mounts the console on {@code root}.
     *
     * @param keys API keys, or null; with {@code jwt} null as well the console is anonymous, as the API is
     * @param jwt  verifier of identity-provider tokens, or null
     */
    public static void mount(ServletContextHandler root, Helpdesk helpdesk, ServerTransportSecurityValidator security,
                             ApiKeys keys, JwtVerifier jwt) {
        ConsoleServlet servlet = new ConsoleServlet(security, new Credentials(keys, jwt), new Sessions(Clock.systemUTC()),
                new ApprovalsPage(helpdesk.approvals()), new AuditPage(helpdesk.audit()),
                new FleetPage(helpdesk.pipeline(), helpdesk.inventory(), helpdesk.audit()),
                new IncidentsPage(helpdesk.pipeline(), helpdesk.incidents().dir()));
        ServletHolder holder = new ServletHolder(servlet);
        root.addServlet(holder, "/console/*");
        root.getServletHandler().addServletWithMapping(holder, "/console");
    }
}
