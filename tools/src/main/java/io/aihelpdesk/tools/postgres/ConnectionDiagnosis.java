package io.aihelpdesk.tools.postgres;

import io.aihelpdesk.tools.Diagnosis;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns a JDBC failure into a diagnosis a DBA can act on: what happened, the likely cause, what to
 * do next, and the SQLState. Messages name the server address and user, never the password.
 */
public final class ConnectionDiagnosis {
    private ConnectionDiagnosis() {
    }

    public static Diagnosis of(Throwable error, DatabaseTarget target, long connectTimeoutMs) {
        ConnectionSpec spec = target.spec();
        String addr = spec.address();
        SQLException sql = find(error, SQLException.class);
        String state = sql == null ? "" : nullToEmpty(sql.getSQLState());
        String msg = messages(error).toLowerCase(Locale.ROOT);
        String raw = scrub(sql == null ? String.valueOf(error.getMessage()) : sql.getMessage(), spec);

        if (find(error, UnknownHostException.class) != null) {
            return d("host_unknown", "could not translate host name of " + addr + " to an address",
                    "check the host name in the connection string or inventory and the resolver (DNS) of this machine", "08001");
        }
        if (find(error, ConnectException.class) != null && msg.contains("refused")) {
            return d("connection_refused", "connection refused by " + addr,
                    "is PostgreSQL running and listening on that address (listen_addresses, port)? is a firewall rejecting it?", "08001");
        }
        if (find(error, NoRouteToHostException.class) != null) {
            return d("host_unreachable", "no route to host " + addr, "check the network path and firewall between this server and the database", "08001");
        }
        if (find(error, SocketTimeoutException.class) != null && (msg.contains("connect") && !msg.contains("read timed out"))
                || (state.startsWith("08") && msg.contains("timed out"))) {
            return d("connect_timeout", "connection to " + addr + " timed out after " + connectTimeoutMs + " ms",
                    "the host did not answer: check that it is up, the port is right, and no firewall drops packets", "08001");
        }
        switch (state) {
            case "28P01":
                return d("auth_failed", "password authentication failed for user \"" + spec.user() + "\" at " + addr,
                        "check the password (password_env, PGPASSWORD or ~/.pgpass) and that the role may log in", state);
            case "3D000":
                return d("database_not_found", "database \"" + spec.dbname() + "\" does not exist on " + addr,
                        "list databases with get_database_info on an existing database (e.g. dbname=postgres) and fix dbname", state);
            case "53300":
                return d("too_many_connections", "the server at " + addr + " refused the connection: too many clients already",
                        "max_connections is exhausted: find idle or leaked sessions with get_connection_stats and get_active_connections from a reserved superuser slot, or raise max_connections / add a pooler", state);
            case "57P03":
                return d("server_not_ready", "the server at " + addr + " is not accepting connections: "
                                + (msg.contains("shutting down") ? "it is shutting down" : msg.contains("recovery") ? "it is in recovery" : "it is starting up"),
                        "wait and retry; if it persists, check the server log for a crash loop or a long recovery", state);
            case "57P01", "57P02":
                return d("connection_terminated", "the server at " + addr + " ended the session: "
                                + (state.equals("57P02") ? "it is crashing (crash shutdown)" : "it is shutting down, or an administrator terminated the session"),
                        "retry: a new connection is opened; if the server is down, check its log and whether it is restarting", state);
            case "57014":
                return d("statement_timeout", "the query was cancelled by statement_timeout on " + addr,
                        "the server is slow or the query heavy: check get_active_connections and get_lock_info, or raise the tool statement timeout", state);
            case "55P03":
                return d("lock_timeout", "the query waited too long for a lock on " + addr,
                        "another session holds a conflicting lock: run get_lock_info / get_blocking_queries to find the blocker", state);
            case "25006":
                return d("read_only", "the statement tried to write in a read-only tool session on " + addr,
                        "diagnostic tools never write; use a remediation tool in fix mode", state);
            case "42501":
                return d("permission_denied", "permission denied on " + addr + ": " + raw,
                        "grant the monitoring role pg_monitor (or pg_read_all_stats) to user \"" + spec.user() + "\"", state);
            case "0A000":
                return d("not_supported", raw, "the server does not support this feature in its version or configuration", state);
            default:
                break;
        }
        if (state.equals("28000") || msg.contains("pg_hba.conf")) {
            if (msg.contains("does not exist")) {
                return d("role_not_found", "role \"" + spec.user() + "\" does not exist on " + addr,
                        "check the user in the connection string, or create the role", "28000");
            }
            boolean noSsl = msg.contains("no encryption") || msg.contains("ssl off");
            return d("pg_hba_rejected", "no pg_hba.conf entry allows user \"" + spec.user() + "\" to database \""
                            + spec.dbname() + "\" from this host" + (noSsl ? " without SSL" : ""),
                    noSsl ? "the server requires SSL for this client: add sslmode=require" : "add a matching host line to pg_hba.conf and reload, or connect as an allowed user", "28000");
        }
        if (msg.contains("does not support ssl") || msg.contains("server does not support ssl")) {
            return d("ssl_unsupported", "the server at " + addr + " does not support SSL, but sslmode=" + spec.option("sslmode") + " requires it",
                    "use sslmode=prefer or disable, or enable ssl on the server", state.isEmpty() ? "08004" : state);
        }
        if (msg.contains("ssl") && (msg.contains("certificate") || msg.contains("handshake"))) {
            return d("ssl_failed", "SSL negotiation with " + addr + " failed: " + raw,
                    "check sslmode, sslrootcert and the server certificate", state.isEmpty() ? "08006" : state);
        }
        if (state.startsWith("08") || msg.contains("connection") && msg.contains("closed")) {
            return d("connection_failed", "connection to " + addr + " failed: " + raw,
                    "check that the server is up and reachable; the server log may say why it closed the connection", state.isEmpty() ? "08006" : state);
        }
        return d("query_failed", "query failed on " + addr + ": " + raw, "", state);
    }

    private static Diagnosis d(String code, String message, String hint, String state) {
        return new Diagnosis(code, message, hint, state);
    }

    /** Removes the password from a server or driver message, should it ever echo one. */
    static String scrub(String text, ConnectionSpec spec) {
        if (text == null) {
            return "";
        }
        String out = text;
        if (spec.password() != null && !spec.password().isEmpty()) {
            out = out.replace(spec.password(), "********");
        }
        return out;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof SQLException s && s.getNextException() != null && type.isInstance(s.getNextException())) {
                return type.cast(s.getNextException());
            }
        }
        return null;
    }

    private static String messages(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            s.append(c.getMessage()).append(" | ");
        }
        return s.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
