package io.aihelpdesk.server.observe;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK logs through java.util.logging (an unreachable collector, for one); this
 * sends those records to SLF4J instead, so they come out in the server's log format (one JSON line
 * with {@code --log-format json}) with the cause's message rather than a multi-line stack trace.
 */
final class SdkLogBridge extends Handler {
    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the configuration. */
    private static final java.util.logging.Logger SDK = java.util.logging.Logger.getLogger("io.opentelemetry");
    private final SimpleFormatter formatter = new SimpleFormatter();

    private SdkLogBridge() {
    }

    static synchronized void install() {
        for (Handler h : SDK.getHandlers()) {
            if (h instanceof SdkLogBridge) {
                return;
            }
        }
        SDK.setUseParentHandlers(false);
        SDK.addHandler(new SdkLogBridge());
    }

    @Override
    public void publish(LogRecord record) {
        Logger log = LoggerFactory.getLogger(record.getLoggerName() == null ? "io.opentelemetry" : record.getLoggerName());
        Throwable cause = record.getThrown();
        String text = formatter.formatMessage(record) + (cause == null ? "" : " (" + causes(cause) + ")");
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            log.error("{}", text);
        } else if (level >= Level.WARNING.intValue()) {
            log.warn("{}", text);
        } else if (level >= Level.INFO.intValue()) {
            log.info("{}", text);
        } else {
            log.debug("{}", text);
        }
    }

    /** {@code ConnectException: … ← ClosedChannelException} */
    private static String causes(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null && s.length() < 500; c = c.getCause() == c ? null : c.getCause()) {
            s.append(s.length() == 0 ? "" : " ← ").append(c.getClass().getSimpleName()).append(c.getMessage() == null ? "" : ": " + c.getMessage());
        }
        return s.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
