package io.aihelpdesk.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as Docker reads it: comment lines dropped (also inside continued instructions), lines
 * ending in a backslash joined, each instruction split into its keyword and arguments, grouped by stage.
 */
record Dockerfile(List<Stage> stages) {
    record Instruction(String keyword, String args, int line) {
    }

    record Stage(String from, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Instruction last(String keyword) {
            List<Instruction> found = all(keyword);
            if (found.isEmpty()) {
                throw new AssertionError("stage " + (name == null ? from : name) + " has no " + keyword);
            }
            return found.get(found.size() - 1);
        }
    }

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder pending = new StringBuilder();
        int startLine = 0;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.strip().startsWith("#") || (pending.isEmpty() && line.isBlank())) {
                continue;
            }
            if (pending.isEmpty()) {
                startLine = n + 1;
            }
            boolean continues = line.stripTrailing().endsWith("\\");
            pending.append(continues ? line.stripTrailing().substring(0, line.stripTrailing().length() - 1) : line).append(' ');
            if (continues) {
                continue;
            }
            String logical = pending.toString().strip().replaceAll("\\s+", " ");
            pending.setLength(0);
            int space = logical.indexOf(' ');
            String keyword = (space < 0 ? logical : logical.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : logical.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                String[] parts = args.split(" ");
                current = new ArrayList<>();
                String name = parts.length >= 3 && parts[parts.length - 2].equalsIgnoreCase("AS") ? parts[parts.length - 1] : null;
                stages.add(new Stage(parts[0], name, current));
            } else if (current == null) {
                throw new AssertionError("line " + startLine + ": " + keyword + " before the first FROM");
            } else {
                current.add(new Instruction(keyword, args, startLine));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name));
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }
}
