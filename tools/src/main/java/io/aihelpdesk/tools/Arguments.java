package io.aihelpdesk.tools;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds untrusted JSON arguments to a tool's parameter record, collecting every violation rather
 * than stopping at the first. Numbers and booleans given as strings are accepted when they parse
 * exactly (agents and the CLI often send "5"); anything else is a violation, never a guess.
 */
final class Arguments {
    /** Longest string argument accepted; longer values are refused, not truncated. */
    static final int MAX_STRING = 100_000;

    private Arguments() {
    }

    /** Either the bound record or the violations that prevented binding. */
    record Bound<P>(P value, List<Violation> violations) {
    }

    static <P extends Record> Bound<P> bind(Class<P> type, Map<String, Object> args) {
        List<Violation> violations = new ArrayList<>();
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new HashSet<>();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Param p = c.getAnnotation(Param.class);
            String name = Names.snake(c.getName());
            known.add(name);
            Object raw = args.get(name);
            if (raw == null) {
                if (p.required()) {
                    violations.add(new Violation(name, "is required"));
                    continue;
                }
                values[i] = p.defaultValue().isEmpty() ? emptyValue(c.getType()) : parseDefault(c, p.defaultValue());
                continue;
            }
            try {
                values[i] = convert(c.getType(), raw, p);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(name, e.getMessage()));
            }
        }
        for (String key : args.keySet()) {
            if (!known.contains(key)) {
                violations.add(new Violation(key, "is not a parameter of this tool (expected one of " + known.stream().sorted().toList() + ")"));
            }
        }
        if (!violations.isEmpty()) {
            return new Bound<>(null, violations);
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<P> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return new Bound<>(ctor.newInstance(values), List.of());
        } catch (InvocationTargetException e) {
            // A compact constructor rejected the combination of values.
            Throwable cause = e.getCause();
            return new Bound<>(null, List.of(new Violation("", cause == null ? e.toString() : cause.getMessage())));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    static Object parseDefault(RecordComponent c, String text) {
        return convert(c.getType(), text, c.getAnnotation(Param.class));
    }

    private static Object emptyValue(Class<?> type) {
        if (type == int.class || type == long.class) {
            return type == int.class ? 0 : 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

    private static Object convert(Class<?> type, Object raw, Param p) {
        if (type == String.class) {
            if (!(raw instanceof String s)) {
                throw new IllegalArgumentException("must be a string, got " + describe(raw));
            }
            if (s.length() > MAX_STRING) {
                throw new IllegalArgumentException("is " + s.length() + " characters long; the limit is " + MAX_STRING);
            }
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("contains a NUL character");
            }
            if (p != null && p.allowed().length > 0 && !s.isEmpty() && !Arrays.asList(p.allowed()).contains(s)) {
                throw new IllegalArgumentException("must be one of " + Arrays.toString(p.allowed()) + ", got '" + s + "'");
            }
            return s;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            long v = integer(raw);
            if (p != null && (v < p.min() || v > p.max())) {
                throw new IllegalArgumentException("must be between " + p.min() + " and " + p.max() + ", got " + v);
            }
            if ((type == int.class || type == Integer.class) && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("is out of range for a 32-bit integer: " + v);
            }
            return (type == int.class || type == Integer.class) ? (Object) (int) v : (Object) v;
        }
        if (type == double.class || type == Double.class) {
            if (raw instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(String.valueOf(raw).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number, got " + describe(raw));
            }
        }
        if (type == boolean.class || type == Boolean.class) {
            if (raw instanceof Boolean b) {
                return b;
            }
            if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException("must be true or false, got " + describe(raw));
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (Names.enumValue((Enum<?>) constant).equals(String.valueOf(raw).toLowerCase(Locale.ROOT))) {
                    return constant;
                }
            }
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(e -> Names.enumValue((Enum<?>) e)).toList();
            throw new IllegalArgumentException("must be one of " + allowed + ", got " + describe(raw));
        }
        throw new IllegalStateException("unsupported parameter type " + type.getName());
    }

    private static long integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return (long) d;
            }
            throw new IllegalArgumentException("must be a whole number, got " + raw);
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, got " + describe(raw));
            }
        }
        throw new IllegalArgumentException("must be a whole number, got " + describe(raw));
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        return raw instanceof Map ? "an object" : raw instanceof List ? "an array" : String.valueOf(raw);
    }
}
