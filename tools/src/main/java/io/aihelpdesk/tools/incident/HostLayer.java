package io.aihelpdesk.tools.incident;

import java.time.Duration;
import java.util.List;

/**
 * The {@code os} and {@code storage} layers: the commands an SRE runs first on a sick host, in
 * their Linux or macOS variant. Each command writes {@code <layer>/<name>.txt} with the command
 * line, exit status and output; a failure or timeout is also an error of the bundle, a missing
 * binary is listed as not installed. Nothing here is fatal.
 */
final class HostLayer {
    private HostLayer() {
    }

    static List<HostCommand> os(boolean mac) {
        if (mac) {
            return List.of(
                    HostCommand.of("uname", "uname", "-a"),
                    HostCommand.of("uptime", "uptime"),
                    HostCommand.of("hostname", "hostname"),
                    HostCommand.of("top", "top", "-l", "1", "-n", "25", "-o", "cpu"),
                    HostCommand.of("ps_by_cpu", "ps", "aux", "-r"),
                    HostCommand.of("memory", "vm_stat"),
                    HostCommand.of("vmstat", "vm_stat", "1", "3"),
                    HostCommand.of("dmesg", "dmesg"),
                    HostCommand.of("sysctl", "sysctl", "-a"));
        }
        return List.of(
                HostCommand.of("uname", "uname", "-a"),
                HostCommand.of("uptime", "uptime"),
                HostCommand.of("hostname", "hostname"),
                HostCommand.of("top", "top", "-b", "-n", "1"),
                HostCommand.of("ps_by_cpu", "ps", "aux", "--sort=-pcpu"),
                HostCommand.of("free", "free", "-h"),
                HostCommand.of("vmstat", "vmstat", "1", "3"),
                HostCommand.of("dmesg", "dmesg", "--time-format=iso"),
                HostCommand.of("sysctl", "sysctl", "-a"));
    }

    static List<HostCommand> storage(boolean mac) {
        if (mac) {
            return List.of(
                    HostCommand.of("df_h", "df", "-h"),
                    HostCommand.of("df_i", "df", "-i"),
                    HostCommand.of("mount", "mount"),
                    HostCommand.of("disks", "diskutil", "list"),
                    HostCommand.of("iostat", "iostat", "-c", "3", "-w", "1"));
        }
        return List.of(
                HostCommand.of("df_h", "df", "-h"),
                HostCommand.of("df_i", "df", "-i"),
                HostCommand.of("mount", "mount"),
                HostCommand.of("lsblk", "lsblk", "-f"),
                HostCommand.of("iostat", "iostat", "-x", "1", "3"));
    }

    /** Runs the commands in order, each bounded by its timeout and by what is left of the budget. */
    static void collect(String layer, List<HostCommand> commands, Duration timeout, BundleContents out) {
        for (HostCommand c : commands) {
            String item = layer + "/" + c.file();
            if (out.expired()) {
                out.cut(item);
                continue;
            }
            Duration limit = Duration.ofMillis(Math.max(1, Math.min(timeout.toMillis(), out.remainingMs())));
            HostCommand.Run r = c.run(limit);
            String header = "$ " + c.display() + "\n# " + r.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (r.exitCode() >= 0 ? ", exit " + r.exitCode() : "") + ", " + r.elapsedMs() + " ms\n\n";
            switch (r.status()) {
                case OK -> out.text(item + ".txt", header + r.output());
                case NOT_INSTALLED -> out.notInstalled(item, c.display() + ": " + r.output());
                case TIMED_OUT -> {
                    out.text(item + ".txt", header + r.output());
                    out.error(item, c.display() + " timed out after " + limit.toMillis() + " ms and was killed");
                }
                case FAILED -> {
                    out.text(item + ".txt", header + r.output());
                    out.error(item, c.display() + " exited with status " + r.exitCode() + ": " + firstLine(r.output()));
                }
            }
        }
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
