package io.aihelpdesk.server.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One of the example bots run as users run it: {@code java examples/<bot>/<Bot>.java …} from the
 * repository root, with this JVM's {@code java}, as a single-file source program (no build).
 * Standard output and error are collected line by line.
 */
final class BotProcess implements AutoCloseable {
    /** The repository root (the tests run in {@code mcp-server/}). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread[] readers;

    private BotProcess(Process process) {
        this.process = process;
        this.readers = new Thread[] {reader(process.getInputStream(), out), reader(process.getErrorStream(), err)};
    }

    static BotProcess start(String source, String... args) throws IOException {
        return start(Map.of(), source, args);
    }

    /** @param env variables added to the bot's environment (after HELPDESK_SERVER_API_KEY etc. of this JVM are removed) */
    static BotProcess start(Map<String, String> env, String source, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), source));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().remove("HELPDESK_SERVER_API_KEY");
        pb.environment().remove("HELPDESK_GATEWAY_URL");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        return new BotProcess(pb.start());
    }

    private static Thread reader(java.io.InputStream in, List<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (sink) {
                        sink.add(line);
                        sink.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, "bot-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The first stdout line matching {@code wanted}, waiting up to {@code timeout}; fails with everything printed so far. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (out) {
            while (true) {
                for (String line : out) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such line within " + timeout.toSeconds() + " s; the bot printed:\n" + transcript());
                }
                out.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits for the bot to exit and returns its status. */
    int exit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the bot did not exit within " + timeout.toSeconds() + " s; it printed:\n" + transcript());
        }
        for (Thread t : readers) {
            t.join(5_000);
        }
        return process.exitValue();
    }

    List<String> stdout() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> stderr() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    String transcript() {
        return String.join("\n", stdout()) + "\n--- stderr ---\n" + String.join("\n", stderr());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
