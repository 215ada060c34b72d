package io.aihelpdesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit chain over HTTP: query by trace, verify, and events posted by other agents join the chain. */
class AuditApiTest {
    private static HttpServer http;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_tool_call_is_queryable_by_trace_and_the_chain_verifies() throws Exception {
        Outcome o = DemoFixture.get().helpdesk.pipeline().run(new Invocation("check_connection",
                Map.of("connection_string", "demo"), Caller.osUser("test"), "tr_auditapi1", "test"));
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        HttpResponse<String> events = get("/v1/events?trace_id=tr_auditapi1");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("\"count\":2", "\"event_type\":\"tool_execution\"", "\"event_type\":\"outcome\"");
        HttpResponse<String> verify = get("/v1/verify");
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"valid\":true");
    }

    @Test
    void posted_events_are_chained_and_bad_ones_refused() throws Exception {
        HttpResponse<String> ok = post("{\"event_type\":\"delegation_decision\",\"trace_id\":\"tr_posted\",\"action_class\":\"read\"}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).contains("\"event_id\":\"evt_", "\"event_hash\":");
        assertThat(get("/v1/events?trace_id=tr_posted").body()).contains("\"count\":1");
        assertThat(post("{\"event_type\":\"made_up\"}").statusCode()).isEqualTo(400);
        assertThat(post("not json").statusCode()).isEqualTo(400);
        assertThat(get("/v1/events?since=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void the_stream_delivers_events_chained_after_the_client_connected() throws Exception {
        java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/events/stream")).build(), HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> lines = response.get(10, java.util.concurrent.TimeUnit.SECONDS).body().iterator();
        assertThat(lines.next()).isEqualTo(": aihelpdesk audit stream");
        post("{\"event_type\":\"gateway_request\",\"trace_id\":\"tr_streamed\"}");
        String data = null;
        while (lines.hasNext() && data == null) {
            String line = lines.next();
            if (line.startsWith("data: ") && line.contains("tr_streamed")) {
                data = line;
            }
        }
        assertThat(data).contains("\"event_type\":\"gateway_request\"", "\"event_hash\":");
    }

    @Test
    void verify_answers_409_naming_the_event_when_the_chain_was_tampered_with() throws Exception {
        java.nio.file.Path db = java.nio.file.Files.createTempDirectory("tampered-").resolve("audit.db");
        try (io.aihelpdesk.server.Helpdesk h = new io.aihelpdesk.server.Helpdesk(
                io.aihelpdesk.tools.inventory.InventoryLoader.load(DemoFixture.get().inventory),
                io.aihelpdesk.tools.postgres.PostgresSettings.defaults(), io.aihelpdesk.server.GovernanceOptions.auditOnly(db));
             HttpServer server = HttpServer.start(h, "127.0.0.1", 0)) {
            Outcome o = h.pipeline().run(new Invocation("check_connection", Map.of("connection_string", "demo"),
                    Caller.osUser("test"), "tr_tamper", "test"));
            String intent = h.audit().query(io.aihelpdesk.governance.audit.AuditQuery.all().trace(o.traceId())).get(0).eventId();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                 java.sql.Statement st = c.createStatement()) {
                st.execute("UPDATE audit_events SET raw_json = replace(raw_json, 'check_connection', 'get_lock_info') "
                        + "WHERE event_id = '" + intent + "'");
            }
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v1/verify")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("\"valid\":false", "\"broken_at\":\"" + intent + "\"");
        }
    }

    @Test
    void a_foreign_origin_cannot_read_the_audit_trail() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("event_id");
    }
}
