package io.aihelpdesk.server.logging;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * Log levels for JSON logs, from the same settings as the text logs: {@code simplelogger.properties}
 * on the classpath, overridden by system properties of the same names
 * ({@code org.slf4j.simpleLogger.defaultLogLevel}, {@code org.slf4j.simpleLogger.log.<logger prefix>}).
 * A logger takes the level of its longest configured prefix.
 */
final class LogLevels {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** trace 0 … error 4, off 5. */
    static final String[] NAMES = {"trace", "debug", "info", "warn", "error", "off"};
    private final Properties settings;

    LogLevels(Properties settings) {
        this.settings = settings;
    }

    static LogLevels load() {
        Properties p = new Properties();
        try (InputStream in = LogLevels.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no file: the defaults below
        }
        return new LogLevels(p);
    }

    /** The threshold of logger {@code name}: records below it are dropped. */
    int of(String name) {
        String n = name;
        while (true) {
            String level = setting("log." + n);
            if (level != null) {
                return parse(level);
            }
            int dot = n.lastIndexOf('.');
            if (dot < 0) {
                break;
            }
            n = n.substring(0, dot);
        }
        String dflt = setting("defaultLogLevel");
        return dflt == null ? 2 : parse(dflt);
    }

    private String setting(String key) {
        String fromSystem = System.getProperty(PREFIX + key);
        return fromSystem != null ? fromSystem : settings.getProperty(PREFIX + key);
    }

    private static int parse(String level) {
        String l = level.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(l)) {
                return i;
            }
        }
        return 2;
    }
}
