package io.aihelpdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool tables of the README's "Tools" section list exactly the tools the server offers. */
class ReadmeToolTableTest {
    @TempDir
    Path dir;

    @Test
    void every_catalog_tool_has_a_readme_row_and_every_row_is_a_tool() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Tools\n");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(section);
        List<String> rows = m.results().map(r -> r.group(1)).toList();
        // fix mode: the README documents every tool, including those readonly mode does not offer
        try (Helpdesk h = new Helpdesk(Inventory.none(), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("a.db")).withMode(io.aihelpdesk.governance.OperatingMode.FIX))) {
            List<String> tools = h.catalog().all().stream().map(ToolDefinition::name).toList();
            assertThat(rows).as("README tool table rows").containsExactlyInAnyOrderElementsOf(tools);
        }
    }
}
