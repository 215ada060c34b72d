package io.aihelpdesk.governance.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Masks secrets before anything leaves the process or reaches the audit store: passwords in libpq
 * strings and URIs, {@code Authorization} bearer tokens, values of password/token/secret-like keys,
 * and any literal secret registered with {@link #remember} (e.g. a password read from
 * {@code password_env}) wherever it appears in text.
 */
public final class Redactor {
    public static final String MASK = "********";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(pass(word|wd)?|pwd|secret|token|api[_-]?key|credential|private[_-]?key|authorization).*");
    private static final Pattern KV_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)('(?:\\\\.|[^'])*'|\\S+)");
    private static final Pattern URI_PASSWORD = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^:/@\\s]*:)[^@\\s]*@");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    /** Shorter literals are not remembered: masking them everywhere would destroy ordinary text. */
    private static final int MIN_SECRET = 4;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Registers a literal secret to mask wherever it appears from now on. */
    public void remember(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET) {
            secrets.add(secret);
        }
    }

    /** Text with every known kind of secret masked. */
    public String text(String text) {
        if (text == null) {
            return null;
        }
        String out = KV_PASSWORD.matcher(text).replaceAll("$1" + MASK);
        out = URI_PASSWORD.matcher(out).replaceAll("$1" + MASK + "@");
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /** A copy of a JSON-like tree with secret-named keys masked and all strings passed through {@link #text}. */
    public Map<String, Object> map(Map<String, ?> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        tree.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() && v != null && !(v instanceof Map)
                && !(v instanceof Collection) ? MASK : value(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object value(Object v) {
        if (v instanceof String s) {
            return text(s);
        }
        if (v instanceof Map<?, ?> m) {
            return map((Map<String, ?>) m);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(item -> out.add(value(item)));
            return out;
        }
        return v;
    }
}
