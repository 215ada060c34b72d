package io.aihelpdesk.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document matches the implementation: every route the server registers is documented,
 * every documented operation is served (called for real: never 404, 405 or "unknown tool"), and tool
 * request bodies are the catalog's input schemas.
 */
class OpenApiRoutesTest {
    private static DemoFixture demo;
    private static HttpServer http;
    private static Rest rest;
    private static Map<String, Object> paths;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        demo = DemoFixture.get();
        http = HttpServer.start(demo.helpdesk, "127.0.0.1", 0);
        rest = new Rest(http.port());
        Rest.Reply doc = rest.get("/api/v1/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json()).containsEntry("openapi", "3.1.0");
        paths = (Map<String, Object>) doc.json().get("paths");
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
    }

    /** "METHOD /path" of every documented operation. */
    @SuppressWarnings("unchecked")
    private static List<String> documented() {
        List<String> ops = new ArrayList<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).keySet()
                .forEach(m -> ops.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        return ops;
    }

    @Test
    void every_registered_route_is_documented() {
        List<String> documented = documented();
        List<Route> routes = http.gateway().routes();
        assertThat(routes).extracting(Route::operationId).contains("db_tool", "k8s_tool", "diagnose", "query", "list_agents", "openapi", "health");
        for (Route r : routes) {
            if (r.family() != null) {
                List<String> tools = r.family().tools(demo.helpdesk.catalog());
                assertThat(tools).as(r.template()).isNotEmpty();
                tools.forEach(t -> assertThat(documented).contains(r.method() + " " + r.template().replace("{tool}", t)));
            } else {
                assertThat(documented).contains(r.method() + " " + r.template());
            }
        }
    }

    @Test
    void every_documented_operation_matches_exactly_one_registered_route() {
        for (String op : documented()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            List<Route> matching = http.gateway().routes().stream()
                    .filter(r -> r.method().equals(method) && r.match(path) != null).toList();
            assertThat(matching).as(op).hasSize(1);
        }
    }

    @Test
    void every_documented_operation_is_served() throws Exception {
        for (String op : documented()) {
            String method = op.substring(0, op.indexOf(' '));
            // A sample path value, and an argument no tool takes: governed routes reach the pipeline,
            // which rejects it before anything runs (no bundle is written, no target touched).
            String path = op.substring(op.indexOf(' ') + 1).replace("{incident_id}", "0000beef").replace("{name}", "get_lock_info");
            Rest.Reply r = method.equals("GET")
                    ? rest.get(path + (path.contains("incidents") ? "?probe_unknown=1" : ""))
                    : rest.post(path, "{\"probe_unknown\":1}");
            assertThat(r.status()).as(op).isNotIn(404, 405);
            if (r.json().get("error") instanceof Map<?, ?> error) {
                assertThat(error.get("code")).as(op + ": " + error).isIn("invalid_arguments", "missing_message");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tool_request_bodies_are_the_catalog_input_schemas() {
        Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/db/get_lock_info")).get("post");
        Map<String, Object> body = (Map<String, Object>) post.get("requestBody");
        assertThat(body.toString()).isEqualTo(Map.of("required", false, "content", Map.of("application/json",
                Map.of("schema", demo.helpdesk.catalog().inputSchema("get_lock_info")))).toString());
        assertThat((Map<String, Object>) post.get("responses")).containsKeys("200", "202", "400", "403", "502");
        assertThat(paths).containsKeys("/api/v1/diagnose", "/api/v1/k8s/get_pods", "/health", "/api/v1/openapi.json")
                .doesNotContainKey("/api/v1/db/get_pods");
    }
}
