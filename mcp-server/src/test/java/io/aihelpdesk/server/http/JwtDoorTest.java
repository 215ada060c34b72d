package io.aihelpdesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.JwtSettings;
import io.aihelpdesk.server.DemoFixture;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JWTs from an identity provider authenticate MCP callers; the subject and mapped roles reach the audit chain. */
class JwtDoorTest {
    private static com.sun.net.httpserver.HttpServer idp;
    private static HttpServer http;
    private static RSAKey key;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        idp = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        idp.createContext("/jwks", ex -> {
            ex.sendResponseHeaders(200, jwks.length);
            ex.getResponseBody().write(jwks);
            ex.close();
        });
        idp.start();
        JwtSettings settings = JwtSettings.parse("""
                issuer: https://idp.example
                jwks_url: http://127.0.0.1:%d/jwks
                audience: aihelpdesk
                role_mapping:
                  pg-admins: [dba]
                """.formatted(idp.getAddress().getPort()), "jwt.yaml", Map.<String, String>of()::get);
        http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0, null, settings);
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        idp.stop(0);
    }

    private static String token(String audience, long expiresInSeconds) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.example").audience(audience).subject("carol")
                        .claim("roles", List.of("pg-admins"))
                        .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void a_valid_token_calls_tools_as_its_subject_with_mapped_roles() throws Exception {
        String t = token("aihelpdesk", 300);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + t)).build();
        String trace;
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("check_connection",
                    Map.of("connection_string", "demo"), Map.of("trace_id", "tr_jwt_door")));
            assertThat(r.isError()).isFalse();
            trace = (String) r.meta().get("trace_id");
        }
        AuditEvent intent = DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace(trace)).get(0);
        assertThat(intent.principal().id()).isEqualTo("carol");
        assertThat(intent.principal().roles()).containsExactly("dba");
    }

    @Test
    void a_token_for_another_audience_is_401_with_the_reason() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Authorization", "Bearer " + token("someone-else", 300))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("audience");
        HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/.well-known/oauth-protected-resource")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.body()).contains("\"authorization_servers\":[\"https://idp.example\"]");
    }
}
