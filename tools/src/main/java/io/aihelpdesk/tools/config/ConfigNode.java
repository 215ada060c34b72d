package io.aihelpdesk.tools.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A parsed YAML or JSON configuration value that remembers its path and line, so validation can
 * report every problem as {@code file:line: path: problem}. Scalars keep their text;
 * {@code ${ENV}} references are expanded by {@link ConfigProblems#text}.
 */
public final class ConfigNode {
    private final String path;
    private final int line;
    private final String scalar;
    private final Map<String, ConfigNode> fields;
    private final List<ConfigNode> items;

    private ConfigNode(String path, int line, String scalar, Map<String, ConfigNode> fields, List<ConfigNode> items) {
        this.path = path;
        this.line = line;
        this.scalar = scalar;
        this.fields = fields;
        this.items = items;
    }

    /** The text of a configuration file; an unreadable file is a problem of that file, named as {@code what}. */
    public static String read(java.nio.file.Path file, String what) throws ConfigException {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new ConfigException(file.toString(), List.of(file + ": cannot read " + what + ": " + e.getMessage()));
        }
    }

    /** Parses a document; a syntax error is thrown with its line. An empty document is an empty map. */
    public static ConfigNode parse(String text, String source) throws ConfigException {
        try {
            Optional<Node> root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text);
            return root.map(n -> convert(n, "")).orElseGet(() -> new ConfigNode("", 1, null, Map.of(), null));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(source, List.of(source + ":" + line + ": syntax error: " + e.getProblem()));
        } catch (YamlEngineException e) {
            throw new ConfigException(source, List.of(source + ": syntax error: " + e.getMessage()));
        }
    }

    private static ConfigNode convert(Node node, String path) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        if (node instanceof MappingNode m) {
            Map<String, ConfigNode> fields = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
                fields.put(key, convert(t.getValueNode(), path.isEmpty() ? key : path + "." + key));
            }
            return new ConfigNode(path, line, null, Collections.unmodifiableMap(fields), null);
        }
        if (node instanceof SequenceNode s) {
            List<ConfigNode> items = new ArrayList<>();
            for (int i = 0; i < s.getValue().size(); i++) {
                items.add(convert(s.getValue().get(i), path + "[" + i + "]"));
            }
            return new ConfigNode(path, line, null, null, Collections.unmodifiableList(items));
        }
        ScalarNode sc = (ScalarNode) node;
        boolean isNull = sc.getTag().getValue().endsWith(":null") || (sc.getValue().isEmpty() && sc.isPlain());
        return new ConfigNode(path, line, isNull ? null : sc.getValue(), null, null);
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public boolean isMap() {
        return fields != null;
    }

    public boolean isList() {
        return items != null;
    }

    public boolean isScalar() {
        return fields == null && items == null;
    }

    /** The raw scalar text, or null for null, maps and lists. */
    public String scalar() {
        return scalar;
    }

    public Map<String, ConfigNode> fields() {
        return fields == null ? Map.of() : fields;
    }

    public List<ConfigNode> items() {
        return items == null ? List.of() : items;
    }

    public Optional<ConfigNode> get(String key) {
        return Optional.ofNullable(fields().get(key));
    }
}
