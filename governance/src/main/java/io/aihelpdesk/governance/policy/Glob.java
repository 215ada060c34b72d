package io.aihelpdesk.governance.policy;

import java.util.regex.Pattern;

/** A name pattern where {@code *} is any run of characters and {@code ?} exactly one; all else is literal. */
record Glob(String text, Pattern regex) {
    /** Characters reserved for richer glob syntax; rejected so a pattern never means something unexpected. */
    static final String RESERVED = "[]{}\\";

    static Glob of(String text) {
        StringBuilder re = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(re.toString()));
    }

    /** Null when the text is a usable glob, else what is wrong with it. */
    static String problem(String text) {
        if (text.isBlank()) {
            return "must not be empty";
        }
        for (char c : text.toCharArray()) {
            if (RESERVED.indexOf(c) >= 0) {
                return "glob '" + text + "' uses '" + c + "', which is not supported; only * and ? are wildcards";
            }
        }
        return null;
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
