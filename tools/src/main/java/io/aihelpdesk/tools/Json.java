package io.aihelpdesk.tools;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for tool data: snake_case names, lowercase enums (as the output schemas list
 * them), ISO-8601 times, lenient on unknown columns.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // enums as the output schemas list them (Schemas uses Names.enumValue: lowercase), read back either way
            .enable(tools.jackson.databind.cfg.EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** A result record as JSON-ready maps, lists and scalars. */
    public static Map<String, Object> toMap(Record data) {
        return MAPPER.convertValue(data, MAP);
    }

    /** A database row (column name → value) as the given record type. */
    public static <T> T fromRow(Map<String, Object> row, Class<T> type) {
        return MAPPER.convertValue(row, type);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static String writePretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
