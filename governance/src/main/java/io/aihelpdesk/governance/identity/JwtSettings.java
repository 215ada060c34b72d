package io.aihelpdesk.governance.identity;

import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How bearer JWTs from an OpenID Connect / OAuth identity provider are verified and turned into a
 * {@link io.aihelpdesk.tools.Caller}, read from a {@code jwt.yaml}:
 *
 * <pre>
 * version: "1"
 * issuer: https://idp.example.com/realms/ops
 * jwks_url: https://idp.example.com/realms/ops/protocol/openid-connect/certs
 * audience: aihelpdesk
 * algorithms: [RS256, ES256]        # default; HMAC (HS*) and none are never allowed
 * clock_skew_seconds: 60            # default, 0..600
 * subject_claim: sub                # default
 * roles_claim: realm_access.roles   # default "roles"; dotted path into nested claims
 * role_mapping:                     # claim value -> our roles; unmapped values pass through
 *   pg-admins: [dba]
 * only_mapped_roles: false          # true drops unmapped values
 * service_claim: azp                # optional: a claim whose value marks service accounts
 * service_values: [srebot, secbot]  # required with service_claim
 * </pre>
 */
public record JwtSettings(
        String issuer,
        URI jwksUrl,
        String audience,
        List<String> algorithms,
        Duration clockSkew,
        String subjectClaim,
        String rolesClaim,
        Map<String, List<String>> roleMapping,
        boolean onlyMappedRoles,
        String serviceClaim,
        List<String> serviceValues) {

    /** Asymmetric signature algorithms we can verify against a JWKS of public keys. */
    static final Set<String> SUPPORTED = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    private static final Set<String> TOP = Set.of("version", "issuer", "jwks_url", "audience", "algorithms", "clock_skew_seconds",
            "subject_claim", "roles_claim", "role_mapping", "only_mapped_roles", "service_claim", "service_values");
    private static final int MAX_SKEW_SECONDS = 600;

    public JwtSettings {
        algorithms = List.copyOf(algorithms);
        roleMapping = Map.copyOf(roleMapping);
        serviceValues = List.copyOf(serviceValues);
    }

    public static JwtSettings load(Path file) throws ConfigException {
        return parse(ConfigNode.read(file, "JWT settings file"), file.toString(), System::getenv);
    }

    public static JwtSettings parse(String text, String source, UnaryOperator<String> env) throws ConfigException {
        ConfigNode root = ConfigNode.parse(text, source);
        ConfigProblems p = new ConfigProblems(source, env);
        if (!p.expectMap(root)) {
            p.throwIfAny();
        }
        p.onlyKeys(root, TOP);
        String issuer = nonBlank(p, root, "issuer", true);
        URI jwks = jwksUrl(p, root);
        String audience = nonBlank(p, root, "audience", true);
        List<String> algorithms = algorithms(p, root);
        Duration skew = Duration.ofSeconds(skewSeconds(p, root));
        String subject = claimPath(p, root, "subject_claim", "sub");
        String roles = claimPath(p, root, "roles_claim", "roles");
        Map<String, List<String>> mapping = roleMapping(p, root);
        boolean onlyMapped = p.bool(root, "only_mapped_roles", false);
        String serviceClaim = claimPath(p, root, "service_claim", null);
        List<String> serviceValues = p.strings(root, "service_values");
        if (serviceClaim != null && serviceValues.isEmpty()) {
            p.add(root.fields().get("service_claim"), "needs 'service_values': the claim values that mark a service account");
        } else if (serviceClaim == null && !serviceValues.isEmpty()) {
            p.add(root.fields().get("service_values"), "needs 'service_claim': the claim to compare these values with");
        }
        p.throwIfAny();
        return new JwtSettings(issuer, jwks, audience, algorithms, skew, subject, roles, mapping, onlyMapped, serviceClaim, serviceValues);
    }

    private static String nonBlank(ConfigProblems p, ConfigNode root, String key, boolean required) {
        String v = p.text(root, key, required);
        if (v != null && v.isBlank()) {
            p.add(root.fields().get(key), "must not be blank");
            return null;
        }
        return v;
    }

    private static URI jwksUrl(ConfigProblems p, ConfigNode root) {
        String v = nonBlank(p, root, "jwks_url", true);
        if (v == null) {
            return null;
        }
        try {
            URI uri = new URI(v.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the expected form
        }
        p.add(root.fields().get("jwks_url"), "must be an http(s) URL with a host, got '" + v
                + "' (e.g. https://idp.example.com/.well-known/jwks.json)");
        return null;
    }

    private static List<String> algorithms(ConfigProblems p, ConfigNode root) {
        ConfigNode node = root.fields().get("algorithms");
        if (node == null || (node.isScalar() && node.scalar() == null)) {
            return List.of("RS256", "ES256");
        }
        List<String> names = p.strings(root, "algorithms");
        if (node.isList() && names.isEmpty()) {
            p.add(node, "must name at least one algorithm (default: [RS256, ES256])");
        }
        for (String name : names) {
            if (name.equalsIgnoreCase("none")) {
                p.add(node, "'none' is never allowed: unsigned tokens prove nothing");
            } else if (name.toUpperCase(java.util.Locale.ROOT).startsWith("HS")) {
                p.add(node, "'" + name + "' is an HMAC (shared-secret) algorithm; tokens are verified against the"
                        + " public keys of jwks_url, so only asymmetric algorithms are allowed ("
                        + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")");
            } else if (!SUPPORTED.contains(name)) {
                p.add(node, "unsupported algorithm '" + name + "' (supported: "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")");
            }
        }
        return names;
    }

    private static long skewSeconds(ConfigProblems p, ConfigNode root) {
        String v = p.text(root, "clock_skew_seconds", false);
        if (v == null) {
            return 60;
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s >= 0 && s <= MAX_SKEW_SECONDS) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        p.add(root.fields().get("clock_skew_seconds"), "must be a whole number of seconds from 0 to " + MAX_SKEW_SECONDS + ", got '" + v + "'");
        return 60;
    }

    private static String claimPath(ConfigProblems p, ConfigNode root, String key, String dflt) {
        String v = p.text(root, key, false);
        if (v == null) {
            return dflt;
        }
        for (String part : v.split("\\.", -1)) {
            if (part.isBlank()) {
                p.add(root.fields().get(key), "must be a claim name or a dotted path like realm_access.roles, got '" + v + "'");
                return dflt;
            }
        }
        return v;
    }

    private static Map<String, List<String>> roleMapping(ConfigProblems p, ConfigNode root) {
        ConfigNode node = root.fields().get("role_mapping");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null || (node.isScalar() && node.scalar() == null)) {
            return out;
        }
        if (!node.isMap()) {
            p.add(node, "must map a claim value to a list of roles, e.g. {pg-admins: [dba]}");
            return out;
        }
        for (String value : node.fields().keySet()) {
            ConfigNode target = node.fields().get(value);
            if (!target.isList()) {
                p.add(target, "must be a list of roles, e.g. [dba]");
                continue;
            }
            out.put(value, p.strings(node, value));
        }
        return out;
    }
}
