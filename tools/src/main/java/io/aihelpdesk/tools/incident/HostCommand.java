package io.aihelpdesk.tools.incident;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One diagnostic command of the os or storage layer, run without a shell, with its own timeout
 * (the process is killed when it expires) and a cap on the output kept. A binary that is not
 * installed is a result, not an exception.
 *
 * @param file where its output goes in the bundle, below the layer ({@code uname.txt})
 * @param argv the command and its arguments
 */
record HostCommand(String file, List<String> argv) {
    /** Output kept per command; the rest is dropped with a note. */
    static final int MAX_OUTPUT = 4 * 1024 * 1024;

    static HostCommand of(String file, String... argv) {
        return new HostCommand(file, List.of(argv));
    }

    /** How a command ended. */
    enum Status { OK, FAILED, TIMED_OUT, NOT_INSTALLED }

    record Run(Status status, int exitCode, String output, long elapsedMs) {
    }

    String display() {
        return String.join(" ", argv);
    }

    Run run(Duration timeout) {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("COLUMNS", "200");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Run(Status.NOT_INSTALLED, -1, argv.get(0) + " is not installed or not on PATH (" + e.getMessage() + ")",
                    elapsed(start));
        }
        try {
            p.getOutputStream().close(); // these commands read nothing; a closed stdin makes any prompt fail fast
        } catch (IOException ignored) {
            // nothing was going to be written anyway
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(p.getInputStream()), HostCommand::daemon);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                return new Run(Status.TIMED_OUT, -1, partial(output), elapsed(start));
            }
            String out = output.get(2, TimeUnit.SECONDS);
            return new Run(p.exitValue() == 0 ? Status.OK : Status.FAILED, p.exitValue(), out, elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Run(Status.TIMED_OUT, -1, "interrupted", elapsed(start));
        } catch (ExecutionException | TimeoutException e) {
            return new Run(Status.FAILED, p.exitValue(), "output unreadable: " + e.getMessage(), elapsed(start));
        }
    }

    private static String partial(CompletableFuture<String> output) {
        try {
            return output.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    private static String read(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_OUTPUT);
            long dropped = 0;
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                dropped += n;
            }
            String text = new String(kept, StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n[… " + dropped + " more bytes dropped]\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "incident-command-output");
        t.setDaemon(true);
        t.start();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static boolean macOs() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    }
}
