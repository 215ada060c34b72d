package io.aihelpdesk.server.dist;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import io.aihelpdesk.server.demo.DemoDatabase;
import io.aihelpdesk.tools.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale beyond one machine: two {@code helpdesk serve} processes of the built distribution, as behind
 * a load balancer, share one PostgreSQL audit chain and approval store. A change requested on one is
 * approved on the other, the call then runs on the first, and the chain verifies on both.
 */
class MultiReplicaIT {
    private static final String VERSION = System.getProperty("project.version");
    private static final Path DIST = Path.of("target", "helpdesk-" + VERSION, "helpdesk-" + VERSION).toAbsolutePath();
    private static final String ALICE = "hd_replica-test-alice-requester";
    private static final String BOB = "hd_replica-test-bob-approver";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    static DemoDatabase database;
    static final List<Process> replicas = new ArrayList<>();
    static String a;
    static String b;

    @BeforeAll
    static void twoReplicasOnOneStore() throws Exception {
        database = DemoDatabase.start(0);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create database shared_store");
        }
        Path inventory = Files.writeString(dir.resolve("inventory.yaml"), database.inventory());
        Path users = Files.writeString(dir.resolve("users.yaml"), """
                version: "1"
                users:
                  - id: alice
                    roles: [sre]
                    api_key_sha256: %s
                  - id: bob
                    roles: [dba]
                    api_key_sha256: %s
                """.formatted(sha256(ALICE), sha256(BOB)));
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                version: "1"
                policies:
                  - name: changes-need-a-dba
                    principals: [{role: sre}, {role: dba}]
                    resources: [{type: database}]
                    rules:
                      - action: read
                        effect: allow
                      - action: [write, destructive]
                        effect: require_approval
                        conditions:
                          approval_quorum: 1
                          approvers: [{role: dba}]
                """);
        String store = "host=localhost port=" + database.port() + " dbname=shared_store user=postgres";
        a = start("a", inventory, users, policy, store);
        b = start("b", inventory, users, policy, store);
    }

    @AfterAll
    static void stop() throws Exception {
        replicas.forEach(Process::destroy);
        for (Process p : replicas) {
            p.waitFor();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void an_approval_requested_on_one_replica_is_approved_on_the_other_and_the_call_completes() throws Exception {
        String trace = "tr_replicas_" + System.nanoTime();
        Timestamps before = confLoadTime();

        HttpResponse<String> asked = post(a, "/api/v1/db/reload_config", ALICE, trace, "{\"connection_string\":\"demo\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String approval = Json.mapper().readTree(asked.body()).get("approval_id").asText();
        assertThat(confLoadTime()).as("nothing ran while pending").isEqualTo(before);

        HttpResponse<String> pendingOnB = get(b, "/v1/approvals/pending", BOB);
        assertThat(pendingOnB.body()).contains(approval);
        HttpResponse<String> selfApproval = post(b, "/v1/approvals/" + approval + "/approve", ALICE, null, "{\"reason\":\"mine\"}");
        assertThat(selfApproval.statusCode()).isEqualTo(403);
        HttpResponse<String> approved = post(b, "/v1/approvals/" + approval + "/approve", BOB, null, "{\"reason\":\"safe reload\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> ran = post(a, "/api/v1/db/reload_config", ALICE, trace, "{\"connection_string\":\"demo\"}");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(ran.body());
        assertThat(result.get("status").asText()).isEqualTo("succeeded");
        assertThat(confLoadTime()).as("pg_reload_conf ran").isNotEqualTo(before);

        for (String replica : List.of(a, b)) {
            JsonNode verify = Json.mapper().readTree(get(replica, "/v1/verify", BOB).body());
            assertThat(verify.get("valid").asBoolean()).as(replica + " " + verify).isTrue();
        }
        JsonNode events = Json.mapper().readTree(get(b, "/v1/events?trace_id=" + trace, BOB).body());
        String all = events.toString();
        assertThat(all).contains("approval_requested").contains("approval_decided").contains("reload_config");
    }

    private record Timestamps(String loaded) {
    }

    private static Timestamps confLoadTime() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/postgres", "postgres", "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_conf_load_time()::text")) {
            r.next();
            return new Timestamps(r.getString(1));
        }
    }

    private static String start(String name, Path inventory, Path users, Path policy, String store) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path home = Files.createDirectories(dir.resolve("home-" + name));
        ProcessBuilder pb = new ProcessBuilder(DIST.resolve("bin/helpdesk").toString(), "serve", "--port", String.valueOf(port),
                "--mode", "fix", "--inventory", inventory.toString(), "--users", users.toString(), "--policy", policy.toString(),
                "--audit-url", store)
                .redirectErrorStream(true).redirectOutput(dir.resolve("replica-" + name + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HELPDESK_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        replicas.add(pb.start());
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return base;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replica " + name + " did not start: " + Files.readString(dir.resolve("replica-" + name + ".log")));
            }
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> post(String base, String path, String key, String trace, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (trace != null) {
            r.header("X-Trace-ID", trace);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String base, String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
