package io.aihelpdesk.server.console;

import io.aihelpdesk.governance.approval.ApprovalStoreException;
import io.aihelpdesk.tools.Caller;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's one servlet: sign-in, the session check and CSRF defence, then the pages.
 *
 * <p>Who is asking: with API keys or JWT configured, either an {@code Authorization: Bearer} header or
 * the session cookie, whose token is verified again on every request by {@link Credentials} (the same
 * checks as the API); without, the anonymous caller, as the API treats it on a loopback bind. Every
 * POST must come from this origin ({@code Origin}, else {@code Referer}, naming this Host) and, for a
 * cookie session, carry the session's CSRF token.
 */
final class ConsoleServlet extends HttpServlet {
    static final String COOKIE = "hd_console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
    private static final Pattern DECIDE = Pattern.compile("/console/approvals/(apr_[0-9a-f]{1,32})/(approve|deny)");
    private static final Pattern INCIDENT = Pattern.compile("/console/incidents/([0-9a-f]{8})(/download)?");
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private final transient ServerTransportSecurityValidator security;
    private final transient Credentials credentials;
    private final transient Sessions sessions;
    private final transient ApprovalsPage approvals;
    private final transient AuditPage audit;
    private final transient FleetPage fleet;
    private final transient IncidentsPage incidents;

    ConsoleServlet(ServerTransportSecurityValidator security, Credentials credentials, Sessions sessions, ApprovalsPage approvals,
                   AuditPage audit, FleetPage fleet, IncidentsPage incidents) {
        this.security = security;
        this.credentials = credentials;
        this.sessions = sessions;
        this.approvals = approvals;
        this.audit = audit;
        this.fleet = fleet;
        this.incidents = incidents;
    }

    /** Who is asking and with which session (null for a bearer-header request, which needs no CSRF token). */
    private record Viewer(Caller caller, Sessions.Session session) {
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("Cache-Control", "no-store");
        try {
            security.validateHeaders(headers(req));
        } catch (ServerTransportSecurityException e) {
            page(resp, e.getStatusCode(), "Refused", null, null, new Html.Notice(String.valueOf(e.getMessage()), true), "");
            return;
        }
        String path = req.getRequestURI();
        try {
            if (path.startsWith("/console/static/")) {
                staticFile(path, resp);
            } else if (path.equals("/console/login")) {
                login(req, resp);
            } else {
                Viewer viewer = viewer(req, resp);
                if (viewer == null) {
                    if ("GET".equals(req.getMethod())) {
                        resp.setStatus(303);
                        resp.setHeader("Location", "/console/login");
                    } else {
                        page(resp, 401, "Sign in", null, null, Html.Notice.refused("Your console session has ended; sign in again."),
                                "<p><a href=\"/console/login\">Sign in</a></p>");
                    }
                    return;
                }
                if ("POST".equals(req.getMethod())) {
                    String refusal = forged(req, viewer);
                    if (refusal != null) {
                        LOG.warn("console: refused {} {} from {}: {}", req.getMethod(), path, req.getRemoteAddr(), refusal);
                        page(resp, 403, "Refused", viewer, null, Html.Notice.refused(refusal), "");
                        return;
                    }
                }
                route(req, resp, viewer, path);
            }
        } catch (ApprovalStoreException e) {
            page(resp, 503, "Unavailable", null, null, Html.Notice.refused("The approval store cannot be reached: " + e.getMessage()), "");
        } catch (RuntimeException e) {
            String ref = io.aihelpdesk.tools.Invocation.newTraceId();
            LOG.error("console: {} {} failed (reference {})", req.getMethod(), path, ref, e);
            if (!resp.isCommitted()) {
                page(resp, 500, "Error", null, null, Html.Notice.refused("The console failed answering " + req.getMethod() + " " + path
                        + "; the server log has the stack trace under reference " + ref + "."), "");
            }
        }
    }

    private void route(HttpServletRequest req, HttpServletResponse resp, Viewer v, String path) throws IOException {
        String method = req.getMethod();
        Matcher m;
        if (method.equals("GET") && (path.equals("/console") || path.equals("/console/"))) {
            redirect(resp, "/console/approvals");
        } else if (method.equals("GET") && path.equals("/console/approvals")) {
            page(resp, 200, "Approvals", v, "approvals", flash(v), approvals.render(csrf(v)));
        } else if (method.equals("POST") && (m = DECIDE.matcher(path)).matches()) {
            done(resp, v, approvals.decide(m.group(1), m.group(2), v.caller(), req.getParameter("reason")), "/console/approvals");
        } else if (method.equals("GET") && path.equals("/console/audit")) {
            page(resp, 200, "Audit", v, "audit", flash(v), audit.render(AuditPage.Filters.of(req::getParameter)));
        } else if (method.equals("GET") && path.equals("/console/fleet")) {
            page(resp, 200, "Fleet", v, "fleet", flash(v), fleet.render(csrf(v)));
        } else if (method.equals("POST") && path.equals("/console/fleet/refresh")) {
            String target = req.getParameter("target");
            done(resp, v, fleet.refresh(target == null || target.isBlank() ? null : target, v.caller()), "/console/fleet");
        } else if (method.equals("GET") && path.equals("/console/incidents")) {
            page(resp, 200, "Incidents", v, "incidents", flash(v), incidents.list(v.caller()));
        } else if (method.equals("GET") && (m = INCIDENT.matcher(path)).matches()) {
            if (m.group(2) == null) {
                page(resp, 200, "Incident " + m.group(1), v, "incidents", flash(v), incidents.show(m.group(1), v.caller()));
            } else {
                download(resp, v, incidents.download(m.group(1), v.caller()));
            }
        } else if (method.equals("POST") && path.equals("/console/logout")) {
            if (v.session() != null) {
                sessions.close(v.session().id());
            }
            setCookie(req, resp, "", 0);
            redirect(resp, credentials.required() ? "/console/login" : "/console/approvals");
        } else {
            page(resp, 404, "Not found", v, null, Html.Notice.refused("No console page " + method + " " + path
                    + "; the pages are /console/approvals, /console/audit, /console/fleet and /console/incidents."), "");
        }
    }

    /** The signed-in viewer, or null when a sign-in is needed. A server without keys opens an anonymous session. */
    private Viewer viewer(HttpServletRequest req, HttpServletResponse resp) {
        Sessions.Session session = sessions.find(cookie(req)).orElse(null);
        if (!credentials.required()) {
            if (session == null) {
                session = sessions.open(null);
                setCookie(req, resp, session.id(), Sessions.LIFETIME.toSeconds());
            }
            return new Viewer(Caller.anonymous(req.getRemoteAddr()), session);
        }
        String header = req.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Credentials.Check check = credentials.check(header.substring(7));
            return check.ok() ? new Viewer(withOrigin(check.caller(), req), null) : null;
        }
        if (session == null) {
            return null;
        }
        Credentials.Check check = credentials.check(session.token());
        if (!check.ok()) {
            sessions.close(session.id());
            return null;
        }
        return new Viewer(withOrigin(check.caller(), req), session);
    }

    private static Caller withOrigin(Caller c, HttpServletRequest req) {
        return new Caller(c.id(), c.kind(), c.roles(), req.getRemoteAddr());
    }

    /** Why this POST is refused as possibly forged, or null. */
    private static String forged(HttpServletRequest req, Viewer v) {
        String source = req.getHeader("Origin");
        if (source == null || source.equals("null")) {
            source = req.getHeader("Referer");
        }
        if (source == null) {
            return v.session() == null ? null
                    : "the form was sent without an Origin or Referer header, so it cannot be told from a forged one (csrf_origin_missing)";
        }
        String host = req.getHeader("Host");
        String forwarded = req.getHeader("X-Forwarded-Host"); // a proxy that rewrites Host; a forged cross-site form cannot set it
        String authority;
        try {
            authority = java.net.URI.create(source).getRawAuthority();
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        if (authority == null || !authority.equalsIgnoreCase(host) && !authority.equalsIgnoreCase(forwarded)) {
            return "the form came from " + source + ", not from this console at " + host + " (csrf_origin_mismatch)";
        }
        if (v.session() != null && !v.session().csrfMatches(req.getParameter("csrf"))) {
            return "the form's CSRF token does not belong to your session; reload the page and try again (csrf_token)";
        }
        return null;
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!credentials.required()) {
            redirect(resp, "/console/approvals");
            return;
        }
        if (!"POST".equals(req.getMethod())) {
            html(resp, 200, LoginPage.render(null));
            return;
        }
        String origin = forged(req, new Viewer(Caller.anonymous(req.getRemoteAddr()), null));
        if (origin != null) {
            html(resp, 403, LoginPage.render(origin));
            return;
        }
        String key = req.getParameter("api_key");
        Credentials.Check check = credentials.check(key);
        if (!check.ok()) {
            LOG.info("console: sign-in refused from {}: {}", req.getRemoteAddr(), check.rejection());
            html(resp, 401, LoginPage.render("Sign-in refused: " + check.rejection() + "."));
            return;
        }
        sessions.close(cookie(req));
        Sessions.Session s = sessions.open(key.trim());
        setCookie(req, resp, s.id(), Sessions.LIFETIME.toSeconds());
        LOG.info("console: {} signed in from {}", check.caller().id(), req.getRemoteAddr());
        redirect(resp, "/console/approvals");
    }

    private static String cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** HttpOnly, SameSite=Strict, Path=/console, and Secure when the browser reached us over https. */
    private static void setCookie(HttpServletRequest req, HttpServletResponse resp, String value, long maxAge) {
        boolean https = req.isSecure() || "https".equalsIgnoreCase(req.getHeader("X-Forwarded-Proto"));
        resp.addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=/console; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : ""));
    }

    private static String csrf(Viewer v) {
        return v.session() == null ? "" : v.session().csrf();
    }

    private static Html.Notice flash(Viewer v) {
        return v.session() == null ? null : v.session().flash().take();
    }

    /** After an action: the notice goes to the session and the browser to {@code next} (303), so a reload repeats nothing. */
    private static void done(HttpServletResponse resp, Viewer v, Html.Notice notice, String next) throws IOException {
        if (v.session() == null) {
            page(resp, notice.error() ? 403 : 200, "Result", v, null, notice, "");
            return;
        }
        v.session().flash().set(notice);
        redirect(resp, next);
    }

    private static void download(HttpServletResponse resp, Viewer v, IncidentsPage.Download d) throws IOException {
        if (d.file() == null) {
            page(resp, 404, "Download", v, "incidents", Html.Notice.refused(d.refusal()), "");
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/gzip");
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + d.file().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        resp.setContentLengthLong(Files.size(d.file()));
        Files.copy(d.file(), resp.getOutputStream());
    }

    private static void redirect(HttpServletResponse resp, String location) {
        resp.setStatus(303);
        resp.setHeader("Location", location);
    }

    private static void page(HttpServletResponse resp, int status, String title, Viewer v, String active, Html.Notice notice, String body)
            throws IOException {
        String user = v == null ? null : v.caller().kind().equals("anonymous") ? "anonymous (no authentication configured)" : v.caller().id();
        html(resp, status, Html.page(title, active, user, v == null || v.session() == null ? null : v.session().csrf(), notice, body));
    }

    private static void html(HttpServletResponse resp, int status, String html) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static void staticFile(String path, HttpServletResponse resp) throws IOException {
        if (!path.equals("/console/static/console.css")) {
            resp.sendError(404);
            return;
        }
        try (InputStream in = ConsoleServlet.class.getResourceAsStream("console.css")) {
            resp.setStatus(200);
            resp.setContentType("text/css;charset=utf-8");
            resp.setHeader("Cache-Control", "max-age=300");
            in.transferTo(resp.getOutputStream());
        }
    }

    /**
     * The headers the server's Host check sees. Origin is left out: the API refuses every browser
     * origin but loopback ones, while the console is meant for browsers on the server's own origin,
     * which {@link #forged} checks against Host for every POST.
     */
    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            if (!name.equalsIgnoreCase("Origin")) {
                headers.put(name, Collections.list(req.getHeaders(name)));
            }
        }
        return headers;
    }
}
