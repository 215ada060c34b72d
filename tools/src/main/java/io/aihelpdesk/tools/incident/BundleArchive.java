package io.aihelpdesk.tools.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bundles on disk: {@code incident-<id>-<YYYYMMDD-HHMMSS>.tar.gz}, every file under a root
 * directory of the same name. A bundle is written to a hidden temporary file in the same
 * directory, forced to disk and atomically renamed, so a crash leaves either no bundle or a
 * complete one, never a half bundle under a bundle's name.
 */
final class BundleArchive {
    static final Pattern NAME = Pattern.compile("incident-([0-9a-f]{8})-(\\d{8}-\\d{6})\\.tar\\.gz");
    static final String SUFFIX = ".tar.gz";

    private BundleArchive() {
    }

    /** Writes the files under {@code root/} and returns the final path. */
    static Path write(Path dir, String root, Map<String, byte[]> files, long mtimeSeconds) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(root + SUFFIX);
        Path tmp = Files.createTempFile(dir, "." + root + "-", ".partial");
        try {
            Map<String, byte[]> rooted = new LinkedHashMap<>();
            files.forEach((path, data) -> rooted.put(root + "/" + path, data));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream raw = Channels.newOutputStream(ch);
                GZIPOutputStream gz = new GZIPOutputStream(raw, 64 * 1024);
                Tar.write(gz, rooted, mtimeSeconds);
                gz.finish();
                gz.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Every file of a bundle, by its path below the root directory. */
    static Map<String, byte[]> read(Path bundle) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(bundle), 64 * 1024)) {
            Tar.read(in).forEach((path, data) -> {
                int slash = path.indexOf('/');
                out.put(slash < 0 ? path : path.substring(slash + 1), data);
            });
        }
        return out;
    }

    /** The incident id in a bundle's file name, or null when the name is not a bundle's. */
    static String idOf(Path file) {
        var m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? m.group(1) : null;
    }
}
