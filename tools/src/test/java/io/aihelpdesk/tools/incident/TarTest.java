package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles with long paths (pod names run to 63 characters) read back identically, by us and by the system tar. */
class TarTest {
    @TempDir
    Path dir;

    @Test
    void long_paths_and_binary_content_round_trip_through_our_reader_and_system_tar() throws Exception {
        String pod = "orders-db-" + "x".repeat(53);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("kubernetes/logs_" + pod + "_previous.txt", "last words\n".getBytes(StandardCharsets.UTF_8));
        files.put("os/empty.txt", new byte[0]);
        byte[] block = new byte[1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) i;
        }
        files.put("exactly-two-blocks.bin", block);
        String root = "incident-0123abcd-20261125-120000";
        Path bundle = BundleArchive.write(dir, root, files, 1_795_000_000L);

        Map<String, byte[]> back = BundleArchive.read(bundle);
        assertThat(back.keySet()).containsExactlyElementsOf(files.keySet());
        files.forEach((path, data) -> assertThat(back.get(path)).as(path).isEqualTo(data));

        Path out = Files.createDirectories(dir.resolve("x"));
        Path extractedRoot = IncidentFixture.extract(bundle.toString(), out);
        assertThat(extractedRoot.getFileName().toString()).isEqualTo(root);
        assertThat(Files.readString(extractedRoot.resolve("kubernetes/logs_" + pod + "_previous.txt"))).isEqualTo("last words\n");
        assertThat(Files.readAllBytes(extractedRoot.resolve("exactly-two-blocks.bin"))).isEqualTo(block);
        assertThat(BundleArchive.idOf(bundle)).isEqualTo("0123abcd");
    }
}
