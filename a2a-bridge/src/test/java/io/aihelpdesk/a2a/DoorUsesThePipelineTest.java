package io.aihelpdesk.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Architecture rule, as for the server's other doors: the A2A door translates, the governance
 * pipeline runs tools. No class of the door ({@code io.aihelpdesk.a2a}, not the {@code remote}
 * package, which declares tools) may refer to the Invoker, a tool handler or the gate. Read from
 * the compiled classes' constant pools.
 */
class DoorUsesThePipelineTest {
    private static final List<String> FORBIDDEN = List.of(
            "io/aihelpdesk/tools/Invoker", "io/aihelpdesk/tools/ToolHandler", "io/aihelpdesk/tools/Gate");

    @Test
    void the_a2a_door_never_calls_the_invoker_or_a_tool_handler() throws IOException {
        Path classes = Path.of("target", "classes", "io", "aihelpdesk", "a2a");
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                checked++;
                String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                FORBIDDEN.stream().filter(pool::contains).forEach(ref -> violations.add(f + " refers to " + ref));
                if (pool.contains("io/aihelpdesk/tools/ToolDefinition") && pool.contains("handler")) {
                    violations.add(f + " reads a tool definition's handler");
                }
            }
        }
        assertThat(checked).as("door classes found").isGreaterThan(8);
        assertThat(violations).isEmpty();
    }
}
