package io.aihelpdesk.tools;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives JSON Schema (draft 2020-12 subset) from parameter and result records. This is the only
 * place schemas are produced; doors publish exactly what it returns.
 *
 * <p>Property names are the snake_case form of record component names. Input schemas are strict
 * (no extra properties, required listed); output schemas allow null for every non-primitive value
 * because database columns may be NULL.
 */
public final class Schemas {
    private Schemas() {
    }

    /** The input schema of a parameter record. */
    public static Map<String, Object> input(Class<? extends Record> params) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : params.getRecordComponents()) {
            Param p = c.getAnnotation(Param.class);
            if (p == null) {
                throw new IllegalArgumentException(params.getName() + "." + c.getName() + " lacks @Param");
            }
            Map<String, Object> prop = typeSchema(c.getGenericType(), false);
            prop.put("description", p.value());
            if (p.allowed().length > 0) {
                prop.put("enum", List.of(p.allowed()));
            }
            if (p.min() != Long.MIN_VALUE) {
                prop.put("minimum", p.min());
            }
            if (p.max() != Long.MAX_VALUE) {
                prop.put("maximum", p.max());
            }
            if (!p.defaultValue().isEmpty()) {
                Object dflt = Arguments.parseDefault(c, p.defaultValue());
                prop.put("default", dflt instanceof Enum<?> e ? Names.enumValue(e) : dflt);
            }
            properties.put(Names.snake(c.getName()), prop);
            if (p.required()) {
                required.add(Names.snake(c.getName()));
            }
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The output schema of a result record. */
    public static Map<String, Object> output(Class<? extends Record> result) {
        return recordSchema(result, true);
    }

    private static Map<String, Object> recordSchema(Class<?> type, boolean output) {
        if (!IN_PROGRESS.get().add(type)) {
            throw new IllegalArgumentException("record " + type.getName() + " contains itself; tool schemas must be finite, so flatten it");
        }
        try {
            return recordSchemaOnce(type, output);
        } finally {
            IN_PROGRESS.get().remove(type);
        }
    }

    /** Records whose schema is being derived on this thread, to refuse recursive types clearly. */
    private static final ThreadLocal<java.util.Set<Class<?>>> IN_PROGRESS = ThreadLocal.withInitial(java.util.HashSet::new);

    private static Map<String, Object> recordSchemaOnce(Class<?> type, boolean output) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Map<String, Object> prop = typeSchema(c.getGenericType(), output);
            Describe d = c.getAnnotation(Describe.class);
            if (d != null) {
                prop.put("description", d.value());
            }
            properties.put(Names.snake(c.getName()), prop);
        }
        schema.put("properties", properties);
        List<String> required = Arrays.stream(type.getRecordComponents()).map(c -> Names.snake(c.getName())).toList();
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    private static Map<String, Object> typeSchema(Type type, boolean output) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                s.put("type", nullable("array", output));
                s.put("items", typeSchema(pt.getActualTypeArguments()[0], output));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                s.put("type", nullable("object", output));
                s.put("additionalProperties", typeSchema(pt.getActualTypeArguments()[1], output));
                return s;
            }
            throw new IllegalArgumentException("unsupported generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            s.put("type", nullable("string", output));
        } else if (c == int.class || c == long.class || c == short.class) {
            s.put("type", "integer");
        } else if (c == Integer.class || c == Long.class || c == Short.class) {
            s.put("type", nullable("integer", output));
        } else if (c == double.class || c == float.class) {
            s.put("type", "number");
        } else if (c == Double.class || c == Float.class || Number.class.isAssignableFrom(c)) {
            s.put("type", nullable("number", output));
        } else if (c == boolean.class) {
            s.put("type", "boolean");
        } else if (c == Boolean.class) {
            s.put("type", nullable("boolean", output));
        } else if (c.isEnum()) {
            s.put("type", nullable("string", output));
            List<Object> values = new ArrayList<>();
            for (Object constant : c.getEnumConstants()) {
                values.add(Names.enumValue((Enum<?>) constant));
            }
            if (output) {
                values.add(null);
            }
            s.put("enum", values);
        } else if (Temporal.class.isAssignableFrom(c)) {
            s.put("type", nullable("string", output));
            s.put("format", "date-time");
        } else if (c.isRecord()) {
            s.putAll(recordSchema(c, output));
            s.put("type", nullable("object", output));
        } else if (c == Object.class) {
            return s; // any JSON value
        } else {
            throw new IllegalArgumentException("unsupported type " + c.getName());
        }
        return s;
    }

    private static Object nullable(String type, boolean output) {
        return output ? List.of(type, "null") : type;
    }
}
