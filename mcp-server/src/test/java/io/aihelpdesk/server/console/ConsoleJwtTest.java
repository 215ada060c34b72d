package io.aihelpdesk.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aihelpdesk.governance.identity.JwtSettings;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an identity provider configured, a JWT signs in to the console through the same verifier as the API. */
class ConsoleJwtTest {
    @TempDir
    Path dir;

    @Test
    void a_token_of_the_identity_provider_signs_in_as_its_subject_and_a_token_for_another_audience_is_refused() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        com.sun.net.httpserver.HttpServer idp = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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
        try (Helpdesk helpdesk = new Helpdesk(Inventory.none(), PostgresSettings.defaults(), GovernanceOptions.auditOnly(dir.resolve("audit.db")));
             HttpServer http = HttpServer.start(helpdesk, "127.0.0.1", 0, null, settings)) {
            String base = "http://127.0.0.1:" + http.port();
            Browser other = new Browser(base);
            HttpResponse<String> refused = other.post("/console/login", Map.of("api_key", token(key, "someone-else")));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("Sign-in refused:").containsIgnoringCase("audience");

            Browser carol = new Browser(base);
            assertThat(carol.signIn(token(key, "aihelpdesk")).statusCode()).isEqualTo(303);
            assertThat(carol.get("/console/audit").body()).contains("signed in as <b id=\"principal\">carol</b>");
        } finally {
            idp.stop(0);
        }
    }

    private static String token(RSAKey key, String audience) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.example").audience(audience).subject("carol")
                        .claim("roles", List.of("pg-admins")).expirationTime(new Date(System.currentTimeMillis() + 300_000)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
