package io.aihelpdesk.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
    @TempDir
    Path dir;

    /** Child process: appends from four threads forever, printing each acknowledged event id. */
    public static void main(String[] args) {
        SqliteAuditStore store = new SqliteAuditStore(Path.of(args[0]));
        for (int t = 0; t < 4; t++) {
            String session = "child" + t;
            new Thread(() -> {
                while (true) {
                    Appended ack = store.append(Events.execution(session, "get_pods", "k8s", "read"));
                    synchronized (System.out) {
                        System.out.println(ack.eventId());
                        System.out.flush();
                    }
                }
            }).start();
        }
    }

    @Test
    void every_acknowledged_event_survives_kill_9_and_the_chain_stays_valid() throws Exception {
        Path file = dir.resolve("audit.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DurabilityTest.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; acknowledged.size() < 500 && (line = out.readLine()) != null; ) {
                acknowledged.add(line);
            }
            child.destroyForcibly().waitFor();
        }
        assertThat(acknowledged).hasSize(500);

        try (SqliteAuditStore store = new SqliteAuditStore(file)) {
            Verification v = store.verify();
            assertThat(v.valid()).as(v.error()).isTrue();
            Set<String> stored = new HashSet<>();
            for (AuditQuery q = AuditQuery.all().limit(1000); q != null; ) {
                List<AuditEvent> page = store.query(q);
                page.forEach(e -> stored.add(e.eventId()));
                q = q.next(page);
            }
            assertThat(stored).hasSize((int) v.totalEvents()).containsAll(acknowledged);
            assertThat(stored.stream().filter(id -> !acknowledged.contains(id)).collect(Collectors.toSet()))
                    .as("committed but not yet printed when killed").hasSizeLessThan((int) v.totalEvents());
        }
    }
}
