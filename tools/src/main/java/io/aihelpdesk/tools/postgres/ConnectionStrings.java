package io.aihelpdesk.tools.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Parses connection strings the way libpq does: key/value strings ({@code host=... dbname='my db'}),
 * {@code postgresql://} URIs, and empty strings that fall back to {@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}, {@code PGDATABASE}, {@code PGPASSWORD} and the password file. Missing fields take
 * the same environment defaults as libpq. Errors never echo a password.
 */
public final class ConnectionStrings {
    /** Keywords accepted besides host/port/dbname/user/password; others are refused like libpq does. */
    static final Set<String> OPTIONS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "options",
            "application_name", "connect_timeout", "target_session_attrs", "hostaddr", "passfile", "channel_binding");
    private static final Map<String, String> ENV_DEFAULTS = Map.of("sslmode", "PGSSLMODE", "sslrootcert", "PGSSLROOTCERT",
            "options", "PGOPTIONS", "connect_timeout", "PGCONNECT_TIMEOUT", "target_session_attrs", "PGTARGETSESSIONATTRS");

    private final UnaryOperator<String> env;
    private final Path home;

    public ConnectionStrings(UnaryOperator<String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    public static ConnectionStrings fromEnvironment() {
        return new ConnectionStrings(System::getenv, Path.of(System.getProperty("user.home", "/")));
    }

    /** True when the text is a connection string rather than an inventory id. */
    public static boolean looksLikeConnectionString(String text) {
        return text.contains("=") || text.startsWith("postgresql://") || text.startsWith("postgres://");
    }

    public ConnectionSpec parse(String text) {
        Map<String, String> kv = text == null || text.isBlank() ? new LinkedHashMap<>()
                : text.startsWith("postgresql://") || text.startsWith("postgres://") ? uri(text.trim()) : keyValues(text);
        for (String key : kv.keySet()) {
            if (!key.equals("host") && !key.equals("port") && !key.equals("dbname") && !key.equals("user")
                    && !key.equals("password") && !OPTIONS.contains(key)) {
                throw new IllegalArgumentException("invalid connection option \"" + key + "\"");
            }
        }
        return build(kv);
    }

    private ConnectionSpec build(Map<String, String> kv) {
        String hostText = first(kv.get("host"), env.apply("PGHOST"), "localhost");
        String portText = first(kv.get("port"), env.apply("PGPORT"), "5432");
        List<String> hosts = new ArrayList<>();
        for (String h : hostText.split(",", -1)) {
            h = h.trim();
            if (h.startsWith("/")) {
                throw new IllegalArgumentException("Unix-domain socket host '" + h + "' is not supported; use a TCP host such as localhost");
            }
            hosts.add(h.isEmpty() ? "localhost" : h);
        }
        List<Integer> ports = new ArrayList<>();
        String[] portParts = portText.split(",", -1);
        if (portParts.length != 1 && portParts.length != hosts.size()) {
            throw new IllegalArgumentException("could not match " + portParts.length + " port numbers to " + hosts.size() + " hosts");
        }
        for (int i = 0; i < hosts.size(); i++) {
            String p = portParts[portParts.length == 1 ? 0 : i].trim();
            try {
                int port = Integer.parseInt(p.isEmpty() ? "5432" : p);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port number: \"" + p + "\"");
            }
        }
        String user = first(kv.get("user"), env.apply("PGUSER"), System.getProperty("user.name", "postgres"));
        String dbname = first(kv.get("dbname"), env.apply("PGDATABASE"), user);
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : OPTIONS) {
            String v = kv.containsKey(key) ? kv.get(key) : ENV_DEFAULTS.containsKey(key) ? env.apply(ENV_DEFAULTS.get(key)) : null;
            if (v != null && !v.isEmpty()) {
                options.put(key, v);
            }
        }
        String password = kv.containsKey("password") ? kv.get("password") : env.apply("PGPASSWORD");
        if (password == null) {
            String passfile = first(options.get("passfile"), env.apply("PGPASSFILE"), home.resolve(".pgpass").toString());
            password = PgPass.lookup(Path.of(passfile), hosts.get(0), ports.get(0), dbname, user);
        }
        return new ConnectionSpec(hosts, ports, dbname, user, password, options);
    }

    /** libpq keyword/value syntax: {@code key = value}, values optionally single-quoted with backslash escapes. */
    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != '=') {
                throw new IllegalArgumentException("missing \"=\" after \"" + key + "\" in connection info string");
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(text.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted string in connection info string");
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(text.charAt(i++));
                    } else {
                        value.append(c);
                    }
                }
            }
            out.put(key, value.toString());
        }
    }

    /** {@code postgresql://[user[:password]@][host][:port][,...][/dbname][?key=value&...]}. */
    static Map<String, String> uri(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String rest = text.substring(text.indexOf("://") + 3);
        int q = rest.indexOf('?');
        String query = q >= 0 ? rest.substring(q + 1) : "";
        rest = q >= 0 ? rest.substring(0, q) : rest;
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        if (slash >= 0 && slash < rest.length() - 1) {
            out.put("dbname", decode(rest.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            out.put("user", decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo));
            if (colon >= 0) {
                out.put("password", decode(userInfo.substring(colon + 1)));
            }
        }
        if (!authority.isEmpty()) {
            List<String> hosts = new ArrayList<>();
            List<String> ports = new ArrayList<>();
            for (String hp : authority.split(",")) {
                String host;
                String port = "";
                if (hp.startsWith("[")) {
                    int close = hp.indexOf(']');
                    if (close < 0) {
                        throw new IllegalArgumentException("end of string reached when looking for matching \"]\" in IPv6 host address in URI");
                    }
                    host = hp.substring(1, close);
                    if (hp.length() > close + 1 && hp.charAt(close + 1) == ':') {
                        port = hp.substring(close + 2);
                    }
                } else {
                    int colon = hp.lastIndexOf(':');
                    host = colon >= 0 ? hp.substring(0, colon) : hp;
                    port = colon >= 0 ? hp.substring(colon + 1) : "";
                }
                hosts.add(decode(host));
                ports.add(port);
            }
            out.put("host", String.join(",", hosts));
            if (ports.stream().anyMatch(p -> !p.isEmpty())) {
                out.put("port", String.join(",", ports));
            }
        }
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("missing key/value separator \"=\" in URI query parameter: \"" + pair + "\"");
                }
                String key = decode(pair.substring(0, eq));
                String value = decode(pair.substring(eq + 1));
                if (key.equals("ssl")) { // JDBC-style ?ssl=true, common in copied URLs
                    out.put("sslmode", value.equals("true") ? "require" : "disable");
                } else {
                    out.put(key, value);
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid percent-encoded token in URI");
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
