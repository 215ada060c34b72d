package io.aihelpdesk.server.lab;

import java.util.ArrayList;
import java.util.List;

/** Splits a script into statements at semicolons outside quotes and dollar-quoted bodies. */
final class SqlScript {
    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String dollar = null;
        boolean quoted = false;
        for (int i = 0; i < script.length(); i++) {
            char ch = script.charAt(i);
            if (dollar != null) {
                if (script.startsWith(dollar, i)) {
                    cur.append(dollar);
                    i += dollar.length() - 1;
                    dollar = null;
                    continue;
                }
            } else if (quoted) {
                quoted = ch != '\'';
            } else if (ch == '\'') {
                quoted = true;
            } else if (ch == '$') {
                int end = script.indexOf('$', i + 1);
                if (end > i && script.substring(i + 1, end).matches("[A-Za-z_]*")) {
                    dollar = script.substring(i, end + 1);
                    cur.append(dollar);
                    i = end;
                    continue;
                }
            } else if (ch == ';') {
                add(out, cur);
                continue;
            }
            cur.append(ch);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
