package io.aihelpdesk.governance.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for trees of maps, lists, strings, numbers, booleans and null.
 *
 * <p>Object keys are sorted by UTF-16 code units ({@link String#compareTo} is exactly that order),
 * no whitespace, strings escape only quote, backslash and control characters (short forms
 * \b \f \n \r \t, otherwise backslash-u00xx lower-case), everything else is emitted as is.
 *
 * <p>Numbers: integral types (and BigDecimal/BigInteger with integral value, |n| &lt;= 2^53) are
 * plain digits. Doubles use ECMAScript Number.prototype.toString formatting built from the digits
 * of {@link Double#toString}; on JDK 17 those digits are not always the shortest round-trip form
 * (JDK-4511638, fixed in 19), so audit events should carry integers or decimal strings rather than
 * fractional numbers. NaN and infinities are rejected, as JSON cannot represent them.
 */
public final class CanonicalJson {
    private static final BigInteger MAX_SAFE = BigInteger.valueOf(9007199254740992L);

    private CanonicalJson() {
    }

    public static String encode(Object jsonTree) {
        StringBuilder out = new StringBuilder(256);
        write(jsonTree, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            number(n, out);
        } else if (value instanceof Map<?, ?> map) {
            object(map, out);
        } else if (value instanceof Iterable<?> list) {
            array(list, out);
        } else if (value instanceof Object[] items) {
            array(List.of(items), out);
        } else {
            throw new IllegalArgumentException("cannot canonicalize a " + value.getClass().getName()
                    + " — convert it to maps, lists, strings, numbers or booleans first");
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + key);
            }
            keys.add(s);
        }
        keys.sort(null);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(keys.get(i), out);
            out.append(':');
            write(map.get(keys.get(i)), out);
        }
        out.append('}');
    }

    private static void array(Iterable<?> list, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(item, out);
        }
        out.append(']');
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void number(Number n, StringBuilder out) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            long v = n.longValue();
            if (Math.abs(v) > MAX_SAFE.longValue()) {
                throw new IllegalArgumentException("integer " + v + " exceeds 2^53 and would lose precision in "
                        + "JSON consumers — store it as a decimal string");
            }
            out.append(v);
        } else if (n instanceof BigInteger || n instanceof BigDecimal) {
            BigDecimal d = n instanceof BigInteger b ? new BigDecimal(b) : (BigDecimal) n;
            if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0
                    && d.toBigInteger().abs().compareTo(MAX_SAFE) <= 0) {
                out.append(d.toBigInteger());
            } else {
                out.append(EcmaNumber.format(d.doubleValue()));
            }
        } else {
            out.append(EcmaNumber.format(n.doubleValue()));
        }
    }
}
