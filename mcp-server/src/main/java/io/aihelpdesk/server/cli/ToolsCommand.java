package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code helpdesk tools}: the catalog, as a table or as JSON with schemas. */
@Command(name = "tools", mixinStandardHelpOptions = true, description = "List the tools this server offers.")
final class ToolsCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json (with input and output schemas).")
    ToolCommand.Format format = ToolCommand.Format.TEXT;

    @Override
    public Integer call() throws Exception {
        try (Helpdesk helpdesk = options.open()) {
            if (format == ToolCommand.Format.JSON) {
                var list = helpdesk.catalog().all().stream().map(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", d.name());
                    m.put("effect", d.effect().name().toLowerCase(Locale.ROOT));
                    m.put("description", d.description());
                    m.put("input_schema", helpdesk.catalog().inputSchema(d.name()));
                    m.put("output_schema", helpdesk.catalog().outputSchema(d.name()));
                    return m;
                }).toList();
                System.out.println(Json.writePretty(list));
                return 0;
            }
            int width = helpdesk.catalog().all().stream().mapToInt(d -> d.name().length()).max().orElse(10);
            for (ToolDefinition<?, ?> d : helpdesk.catalog().all()) {
                System.out.printf("%-" + width + "s  %-11s  %s%n", d.name(), d.effect().name().toLowerCase(Locale.ROOT), firstSentence(d.description()));
            }
            return 0;
        }
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        return dot > 0 ? s.substring(0, dot + 1) : s;
    }
}
