package io.aihelpdesk.a2a;

import java.util.Map;

/** One part of a message or artifact: text, or structured data (a JSON object). Exactly one is set. */
public record Part(String text, Map<String, Object> data) {
    public Part {
        if ((text == null) == (data == null)) {
            throw new IllegalArgumentException("a part is either text or data");
        }
        data = data == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    public static Part text(String text) {
        return new Part(text, null);
    }

    public static Part data(Map<String, Object> data) {
        return new Part(null, data);
    }
}
