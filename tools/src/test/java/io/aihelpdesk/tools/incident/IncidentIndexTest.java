package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is derived from the bundles: damage, loss or a crash between rename and index never loses an incident. */
class IncidentIndexTest {
    @TempDir
    Path dir;

    private static List<String> ids(IncidentFixture f) {
        List<Map<String, Object>> incidents = CreateIncidentBundleTest.cast(f.data("list_incidents", Map.of()).get("incidents"));
        return incidents.stream().map(i -> (String) i.get("incident_id")).toList();
    }

    private static String create(IncidentFixture f, String description) {
        return (String) f.data("create_incident_bundle", Map.of("description", description, "layers", "database")).get("incident_id");
    }

    @Test
    void index_survives_a_corrupted_file_by_rebuilding_from_the_bundles() throws Exception {
        IncidentFixture f = new IncidentFixture(dir);
        String first = create(f, "first");
        String second = create(f, "second");
        Files.write(dir.resolve(IncidentIndex.FILE), "this is not a SQLite database, it was overwritten".repeat(100).getBytes());

        assertThat(ids(f)).containsExactlyInAnyOrder(first, second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("incidents.db.damaged-"));
        }
        Map<String, Object> manifest = CreateIncidentBundleTest.cast(f.data("get_incident", Map.of("incident_id", first)).get("manifest"));
        assertThat(manifest).containsEntry("description", "first");
        String third = create(f, "third");
        assertThat(ids(f)).containsExactlyInAnyOrder(first, second, third);
    }

    @Test
    void a_lost_index_is_rebuilt_and_deleted_bundles_disappear() throws Exception {
        IncidentFixture f = new IncidentFixture(dir);
        String kept = create(f, "kept");
        String deleted = create(f, "deleted");
        Files.delete(dir.resolve(IncidentIndex.FILE));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("incident-" + deleted)).toList()) {
                Files.delete(p);
            }
        }
        assertThat(ids(f)).containsExactly(kept);
    }

    @Test
    void half_written_bundles_are_never_listed_and_stale_ones_are_removed() throws Exception {
        IncidentFixture f = new IncidentFixture(dir);
        String real = create(f, "real");
        Path fresh = Files.write(dir.resolve(".incident-0badf00d-20261125-101010-123.partial"), new byte[] {31, -117, 8});
        Path stale = Files.write(dir.resolve(".incident-0badf00e-20261125-091010-456.partial"), new byte[] {31, -117, 8});
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        assertThat(ids(f)).containsExactly(real);
        assertThat(fresh).as("a writer may still be busy with it").exists();
        assertThat(stale).as("left by a crashed writer").doesNotExist();
    }

    @Test
    void get_incident_reads_manifest_summary_and_each_file() {
        IncidentFixture f = new IncidentFixture(dir);
        String id = create(f, "readable");
        Map<String, Object> whole = f.data("get_incident", Map.of("incident_id", id));
        assertThat((String) whole.get("summary")).contains("# Incident " + id, "readable");
        assertThat((List<String>) CreateIncidentBundleTest.cast(whole.get("files"))).contains("manifest.json", "summary.md");
        Map<String, Object> file = f.data("get_incident", Map.of("incident_id", id, "file", "summary.md"));
        assertThat((String) file.get("content")).isEqualTo(whole.get("summary"));
        assertThat(file.get("manifest")).isNull();

        Outcome missing = f.call("get_incident", Map.of("incident_id", id, "file", "database/nope.txt"));
        assertThat(missing.text()).contains("has no file database/nope.txt");
        assertThat(f.call("get_incident", Map.of("incident_id", "0000000a")).text()).contains("no incident 0000000a");
        assertThat(f.call("get_incident", Map.of("incident_id", "../../etc")).text()).contains("must be 8 lower-case hex digits");
    }
}
