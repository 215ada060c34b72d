package io.aihelpdesk.server.logging;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The log format of this process: {@code text} (slf4j-simple, the default) or {@code json} (one
 * JSON object per line, {@link JsonLogProvider}). Chosen once, before anything logs, from
 * {@code --log-format} on the command line or {@code HELPDESK_LOG_FORMAT}; SLF4J's standard
 * {@code slf4j.provider} property then selects the provider. Logs always go to stderr: stdout
 * belongs to the MCP stdio protocol.
 */
public final class LogFormat {
    static final String PROVIDER_PROPERTY = "slf4j.provider";
    private static volatile boolean json;

    private LogFormat() {
    }

    /** Applies {@code --log-format json} / {@code --log-format=json} in {@code args}, else {@code HELPDESK_LOG_FORMAT}. */
    public static void select(String[] args, UnaryOperator<String> env) {
        String format = env.apply("HELPDESK_LOG_FORMAT");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                format = args[i + 1];
            } else if (args[i].startsWith("--log-format=")) {
                format = args[i].substring("--log-format=".length());
            }
        }
        if (format == null || format.isBlank() || format.trim().equalsIgnoreCase("text")) {
            return;
        }
        if (!format.trim().toLowerCase(Locale.ROOT).equals("json")) {
            System.err.println("log format must be text or json, got '" + format.trim() + "' (--log-format or HELPDESK_LOG_FORMAT); using text");
            return;
        }
        json = true;
        System.setProperty("slf4j.internal.verbosity", "WARN"); // no "SLF4J(I): ... provider" line before the first JSON one
        System.setProperty(PROVIDER_PROPERTY, JsonLogProvider.class.getName());
    }

    /** Whether log lines are JSON objects. */
    public static boolean json() {
        return json;
    }

    /**
     * A line for the operator (such as "listening on …"): printed as it is on stderr with text
     * logs, logged as an INFO record (so it is a JSON line too) with JSON logs.
     */
    public static void announce(String line) {
        if (json) {
            LoggerFactory.getLogger("io.aihelpdesk.server").info(line);
        } else {
            System.err.println(line);
        }
    }
}
