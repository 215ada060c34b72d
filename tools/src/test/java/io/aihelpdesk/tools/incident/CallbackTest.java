package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolFailure;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callbacks to a real local receiver (JDK HttpServer), and the addresses that are refused. */
class CallbackTest {
    private static final String SECRET = "callback-secret-for-tests";

    @TempDir
    Path dir;

    private record Received(String signature, String incident, byte[] body) {
    }

    @Test
    void callback_receiver_gets_a_signed_post_after_a_retry() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = requests.incrementAndGet() == 1 ? 503 : 204;
            if (status == 204) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Helpdesk-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Helpdesk-Incident"), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            IncidentSettings settings = IncidentSettings.defaults(dir, "test").withCallbacks(SECRET, false, 3, Duration.ofMillis(50));
            IncidentFixture f = new IncidentFixture(settings);
            Map<String, Object> reply = f.data("create_incident_bundle", Map.of("layers", "database",
                    "callback_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));

            assertThat(requests.get()).isEqualTo(2);
            assertThat(received).hasSize(1);
            Received r = received.get(0);
            assertThat(r.signature()).isEqualTo("sha256=" + hmac(SECRET, r.body()));
            assertThat(r.incident()).isEqualTo(reply.get("incident_id"));
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(body).contains("\"incident_id\":\"" + reply.get("incident_id") + "\"", "\"bundle_path\":");
            Map<String, Object> delivery = CreateIncidentBundleTest.cast(reply.get("callback"));
            assertThat(delivery).containsEntry("status", "delivered").containsEntry("attempts", 2).containsEntry("http_status", 204);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void callback_to_a_metadata_address_is_refused_before_anything_is_collected() throws Exception {
        IncidentFixture f = new IncidentFixture(dir);
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/computeMetadata/v1/",
                "http://[fe80::1]/hook", "http://[fd00:ec2::254]/", "http://169.254.10.10:8080/")) {
            Outcome o = f.call("create_incident_bundle", Map.of("layers", "os", "callback_url", url));
            assertThat(o).as(url).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("callback_refused");
            assertThat(o.text()).contains("refused", "nothing was collected", "HELPDESK_CALLBACK_ALLOW_PRIVATE");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tar.gz"))).isEmpty();
        }
    }

    @Test
    void private_callbacks_pass_the_check_only_when_configured() throws Exception {
        Callback allowed = new Callback(IncidentSettings.defaults(dir, "t").withCallbacks(null, true, 1, Duration.ofMillis(1)));
        assertThat(allowed.check("http://169.254.169.254/x").getHost()).isEqualTo("169.254.169.254");
        Callback strict = new Callback(IncidentSettings.defaults(dir, "t"));
        assertThat(strict.check("http://127.0.0.1:9/x").getPort()).isEqualTo(9);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.check("file:///etc/passwd"))
                .isInstanceOf(ToolFailure.class).hasMessageContaining("only http and https");
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
