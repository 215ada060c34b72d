package io.aihelpdesk.governance.identity;

import io.aihelpdesk.tools.Caller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns verified claims into a {@link Caller}: subject, roles (through the mapping) and kind. */
final class JwtCallerMapping {
    private final JwtSettings settings;

    JwtCallerMapping(JwtSettings settings) {
        this.settings = settings;
    }

    /** The caller, or null when the subject claim is missing (the caller must then reject). */
    Caller caller(Map<String, Object> claims) {
        List<String> subject = values(claims, settings.subjectClaim());
        if (subject.size() != 1 || subject.get(0).isBlank()) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String value : values(claims, settings.rolesClaim())) {
            List<String> mapped = settings.roleMapping().get(value);
            if (mapped != null) {
                roles.addAll(mapped);
            } else if (!settings.onlyMappedRoles()) {
                roles.add(value);
            }
        }
        boolean service = settings.serviceClaim() != null
                && values(claims, settings.serviceClaim()).stream().anyMatch(settings.serviceValues()::contains);
        return new Caller(subject.get(0), service ? "service" : "user", List.copyOf(roles), "jwt");
    }

    /**
     * The string values at a dotted claim path: a list of strings, or one string split on
     * whitespace (OAuth {@code scope} style). Anything else yields no values.
     */
    static List<String> values(Map<String, Object> claims, String path) {
        Object node = claims;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(part);
        }
        List<String> out = new ArrayList<>();
        if (node instanceof String s) {
            for (String v : s.trim().split("\\s+")) {
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        } else if (node instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
