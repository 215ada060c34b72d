package io.aihelpdesk.tools;

import java.util.Locale;

/** Wire names: snake_case for properties, lower-case for enum constants. */
final class Names {
    private Names() {
    }

    static String snake(String camel) {
        StringBuilder s = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) {
                    s.append('_');
                }
                s.append(Character.toLowerCase(ch));
            } else {
                s.append(ch);
            }
        }
        return s.toString();
    }

    static String enumValue(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
