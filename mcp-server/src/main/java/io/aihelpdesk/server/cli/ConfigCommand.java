package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.config.Environment;
import io.aihelpdesk.server.config.Setting;
import io.aihelpdesk.server.config.Settings;
import io.aihelpdesk.tools.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code helpdesk config show}: the effective settings, where each comes from, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show the effective configuration.",
        subcommands = ConfigCommand.Show.class)
final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print every setting with its effective value and source (env, file, default); secrets are masked.",
                "Precedence: a command's flags > environment variables (HELPDESK_*) > the config file > defaults."})
    static final class Show implements Callable<Integer> {
        @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
        ToolCommand.Format format = ToolCommand.Format.TEXT;

        @Override
        public Integer call() {
            print(Environment.current(), format == ToolCommand.Format.JSON, System.out);
            return 0;
        }
    }

    static void print(Environment env, boolean json, PrintStream out) {
        List<Map<String, Object>> rows = Settings.ALL.stream().map(s -> row(env, s)).toList();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("config_file", env.file() == null ? null : env.file().toString());
            doc.put("settings", rows);
            out.println(Json.writePretty(doc));
            return;
        }
        out.println("# config file: " + (env.file() == null
                ? "none (--config, HELPDESK_CONFIG or ~/.config/aihelpdesk/helpdesk.yaml)" : env.file()));
        out.println("# precedence: flags > environment (HELPDESK_*) > config file > default");
        int width = Settings.ALL.stream().mapToInt(s -> s.key().length()).max().orElse(10);
        for (Map<String, Object> r : rows) {
            out.printf("%-" + width + "s  %-7s  %s%n", r.get("key"), r.get("source"), r.get("value"));
        }
    }

    private static Map<String, Object> row(Environment env, Setting s) {
        Environment.Source source = env.source(s.env());
        String value = source == Environment.Source.DEFAULT ? s.fallback() : Settings.shown(s, env.apply(s.env()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", s.key());
        r.put("env", s.env());
        r.put("value", value);
        r.put("source", source.name().toLowerCase(Locale.ROOT));
        r.put("secret", s.secrecy() != Setting.Secrecy.PLAIN);
        r.put("description", s.description());
        return r;
    }
}
