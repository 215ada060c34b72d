package io.aihelpdesk.governance.identity;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Bearer API keys from a {@code users.yaml}: users and service accounts with roles. Only the
 * SHA-256 of each key is stored (keys are 256-bit random values, so a fast hash is enough); a
 * presented key is hashed and compared in constant time.
 *
 * <pre>
 * version: "1"
 * users:
 *   - id: alice
 *     roles: [dba]
 *     api_key_sha256: 9f86d0…
 * service_accounts:
 *   - id: srebot
 *     roles: [sre-automation]
 *     api_key_sha256: 2c26b4…
 * </pre>
 */
public final class ApiKeys {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> TOP = Set.of("version", "users", "service_accounts");
    private static final Set<String> ENTRY = Set.of("id", "roles", "api_key_sha256", "description");
    private final Map<String, Caller> byHash;

    private ApiKeys(Map<String, Caller> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    public static ApiKeys load(Path file) throws ConfigException {
        return parse(ConfigNode.read(file, "users file"), file.toString(), System::getenv);
    }

    public static ApiKeys parse(String text, String source, UnaryOperator<String> env) throws ConfigException {
        ConfigNode root = ConfigNode.parse(text, source);
        ConfigProblems p = new ConfigProblems(source, env);
        if (!p.expectMap(root)) {
            p.throwIfAny();
        }
        p.onlyKeys(root, TOP);
        Map<String, Caller> byHash = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (String section : List.of("users", "service_accounts")) {
            ConfigNode list = root.fields().get(section);
            if (list == null || (list.isScalar() && list.scalar() == null)) {
                continue;
            }
            if (!list.isList()) {
                p.add(list, "must be a list of entries");
                continue;
            }
            for (ConfigNode entry : list.items()) {
                if (!p.expectMap(entry)) {
                    continue;
                }
                p.onlyKeys(entry, ENTRY);
                String id = p.text(entry, "id", true);
                String hash = p.text(entry, "api_key_sha256", true);
                if (id != null && ids.contains(id)) {
                    p.add(entry, "duplicate id '" + id + "'");
                }
                if (hash != null && !HEX64.matcher(hash).matches()) {
                    p.add(entry.fields().get("api_key_sha256"), "must be 64 lower-case hex digits (the SHA-256 of the key; see `helpdesk users new-key`)");
                } else if (hash != null && byHash.containsKey(hash)) {
                    p.add(entry.fields().get("api_key_sha256"), "the same key is given to two identities");
                }
                if (id != null && hash != null) {
                    ids.add(id);
                    byHash.put(hash, new Caller(id, section.equals("users") ? "user" : "service", p.strings(entry, "roles"), "api_key"));
                }
            }
        }
        p.throwIfAny();
        return new ApiKeys(byHash);
    }

    /** The identity a presented key belongs to, if any. */
    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey.trim()).getBytes(StandardCharsets.US_ASCII);
        Caller found = null;
        for (Map.Entry<String, Caller> e : byHash.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getKey().getBytes(StandardCharsets.US_ASCII))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return byHash.size();
    }

    /** A new random key ({@code hd_} + 43 base64url characters) and the hash to store for it. */
    public static String[] newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String key = "hd_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return new String[] {key, sha256(key)};
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
