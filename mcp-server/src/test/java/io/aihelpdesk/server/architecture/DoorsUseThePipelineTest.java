package io.aihelpdesk.server.architecture;

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
 * Architecture rule: the doors (MCP transports, HTTP, the REST gateway, CLI, the fault lab, the web console; and the bench) translate and nothing else. No adapter
 * class may refer to the {@code Invoker}, a {@code ToolHandler} or a tool definition's handler:
 * the governance pipeline is the only way a tool runs. The check reads the compiled classes'
 * constant pools, where every referenced class and method name appears.
 */
class DoorsUseThePipelineTest {
    private static final List<String> FORBIDDEN = List.of(
            "io/aihelpdesk/tools/Invoker", "io/aihelpdesk/tools/ToolHandler", "io/aihelpdesk/tools/Gate");

    @Test
    void adapters_never_call_the_invoker_or_a_tool_handler() throws IOException {
        Path classes = Path.of("target", "classes", "io", "aihelpdesk", "server");
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (String door : List.of("mcp", "http", "gateway", "cli", "lab", "a2a", "console", "bench")) {
            try (Stream<Path> files = Files.walk(classes.resolve(door))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    checked++;
                    String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    FORBIDDEN.stream().filter(pool::contains).forEach(ref -> violations.add(f + " refers to " + ref));
                    if (pool.contains("io/aihelpdesk/tools/ToolDefinition") && pool.contains("handler")) {
                        violations.add(f + " reads a tool definition's handler");
                    }
                }
            }
        }
        assertThat(checked).as("adapter classes found").isGreaterThan(10);
        assertThat(violations).isEmpty();
    }
}
