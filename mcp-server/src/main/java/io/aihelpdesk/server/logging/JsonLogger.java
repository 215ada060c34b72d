package io.aihelpdesk.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Writes each record as one JSON object on one line of stderr:
 * {@code {"ts":…,"level":"INFO","logger":…,"msg":…,"trace_id":…,"error":…}} — {@code trace_id}
 * when the record was written during a tool call (the MDC value the server's log context sets),
 * {@code error} with the stack trace when the record carries a throwable.
 */
final class JsonLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final int threshold;

    JsonLogger(String name, int threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold <= 0;
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold <= 1;
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= 2;
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold <= 3;
    }

    @Override
    public boolean isErrorEnabled() {
        return threshold <= 4;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        StringBuilder line = new StringBuilder(160).append("{\"ts\":\"").append(Instant.now()).append("\",\"level\":\"")
                .append(level.name()).append("\",\"logger\":");
        quote(line, name).append(",\"msg\":");
        quote(line, MessageFormatter.basicArrayFormat(pattern, arguments));
        String trace = MDC.get("trace_id");
        if (trace != null) {
            quote(line.append(",\"trace_id\":"), trace);
        }
        if (throwable != null) {
            StringWriter stack = new StringWriter();
            throwable.printStackTrace(new PrintWriter(stack));
            quote(line.append(",\"error\":"), stack.toString());
        }
        System.err.println(line.append('}'));
    }

    /** Appends {@code s} as a JSON string. */
    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        if (s == null) {
            s = "null";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
