package io.aihelpdesk.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/status} (Linux): {@code VmHWM} is the peak
 * resident set since the process started, {@code VmRSS} the current one. Elsewhere both are -1.
 */
public record ProcessMemory(double peakMb, double currentMb) {
    public static ProcessMemory self() {
        return of(ProcessHandle.current().pid());
    }

    public static ProcessMemory of(long pid) {
        try {
            double hwm = -1;
            double rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kb(line) / 1024.0;
                } else if (line.startsWith("VmRSS:")) {
                    rss = kb(line) / 1024.0;
                }
            }
            return new ProcessMemory(hwm, rss);
        } catch (IOException | RuntimeException e) {
            return new ProcessMemory(-1, -1);
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
