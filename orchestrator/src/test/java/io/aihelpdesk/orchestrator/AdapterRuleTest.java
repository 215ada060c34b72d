package io.aihelpdesk.orchestrator;

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
 * The chat is an MCP client: it reaches tools only through an MCP session with the server, which
 * governs them. No orchestrator class may refer to the governance {@code Pipeline}, the
 * {@code Invoker}, a {@code ToolHandler} or the {@code Gate} (checked in the compiled classes'
 * constant pools, as the server's doors are).
 */
class AdapterRuleTest {
    @Test
    void the_orchestrator_reaches_tools_only_over_mcp_never_through_the_pipeline_or_the_invoker() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(Path.of("target", "classes", "io", "aihelpdesk", "orchestrator"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                checked++;
                String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String ref : List.of("io/aihelpdesk/governance/Pipeline", "io/aihelpdesk/tools/Invoker",
                        "io/aihelpdesk/tools/ToolHandler", "io/aihelpdesk/tools/Gate")) {
                    if (pool.contains(ref)) {
                        violations.add(f + " refers to " + ref);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(3);
        assertThat(violations).isEmpty();
    }
}
