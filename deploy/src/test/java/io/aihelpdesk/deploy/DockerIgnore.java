package io.aihelpdesk.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A .dockerignore: patterns relative to the context root, {@code **} across directories, the last match wins. */
record DockerIgnore(List<Rule> rules) {
    record Rule(Pattern pattern, boolean exception) {
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String p = (exception ? line.substring(1) : line).replaceAll("^/+", "").replaceAll("/+$", "");
            rules.add(new Rule(Pattern.compile(regex(p)), exception));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    private static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                out.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** Whether the path (relative, '/'-separated) is left out of the build context: it or a parent directory matches. */
    boolean ignores(String path) {
        boolean ignored = false;
        for (Rule rule : rules) {
            String prefix = "";
            for (String part : path.split("/")) {
                prefix = prefix.isEmpty() ? part : prefix + "/" + part;
                if (rule.pattern().matcher(prefix).matches()) {
                    ignored = !rule.exception();
                    break;
                }
            }
        }
        return ignored;
    }
}
