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
 * The chat is a door: it runs tools through the governance pipeline only. No orchestrator class may
 * refer to the {@code Invoker}, a {@code ToolHandler} or the {@code Gate} (checked in the compiled
 * classes' constant pools, as the server's doors are).
 */
class AdapterRuleTest {
    @Test
    void the_orchestrator_never_calls_the_invoker_or_a_tool_handler() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(Path.of("target", "classes", "io", "aihelpdesk", "orchestrator"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                checked++;
                String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String ref : List.of("io/aihelpdesk/tools/Invoker", "io/aihelpdesk/tools/ToolHandler", "io/aihelpdesk/tools/Gate")) {
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
