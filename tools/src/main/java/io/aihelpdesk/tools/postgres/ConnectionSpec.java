package io.aihelpdesk.tools.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and as whom to connect, parsed from a libpq key/value string, a {@code postgresql://} URI
 * or the {@code PG*} environment. {@link #toString()} never shows the password.
 *
 * @param hosts    one or more hosts (libpq multi-host lists are kept in order)
 * @param ports    one port per host
 * @param options  further libpq keywords that were given (sslmode, options, ...), by name
 */
public record ConnectionSpec(List<String> hosts, List<Integer> ports, String dbname, String user, String password,
                             Map<String, String> options) {
    public ConnectionSpec {
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
        if (hosts.isEmpty() || hosts.size() != ports.size()) {
            throw new IllegalArgumentException("each host needs one port");
        }
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public String option(String key) {
        return options.get(key);
    }

    public ConnectionSpec withPassword(String newPassword) {
        return new ConnectionSpec(hosts, ports, dbname, user, newPassword, options);
    }

    /** {@code host:port[,host:port]}, as an address a person recognises. */
    public String address() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String h = hosts.get(i);
            parts.add((h.contains(":") ? "[" + h + "]" : h) + ":" + ports.get(i));
        }
        return String.join(",", parts);
    }

    /** libpq-style description with the password left out. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("host=").append(String.join(",", hosts))
                .append(" port=").append(ports.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""))
                .append(" dbname=").append(dbname).append(" user=").append(user);
        options.forEach((k, v) -> s.append(' ').append(k).append('=').append(v.contains(" ") ? "'" + v + "'" : v));
        return s.toString();
    }
}
