package io.aihelpdesk.governance.identity;

import io.aihelpdesk.governance.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.aihelpdesk.governance.identity.JwtOutcome.Reason;
import io.aihelpdesk.governance.identity.JwtOutcome.Rejected;
import io.aihelpdesk.governance.identity.JwtOutcome.Verified;
import io.aihelpdesk.tools.Caller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final String ISSUER = "https://idp.example.com/realms/ops";
    static RSAKey rsa;
    static ECKey ec;
    static RSAKey stranger;

    final List<JWK> published = new CopyOnWriteArrayList<>();
    final AtomicInteger jwksRequests = new AtomicInteger();
    final TestClock clock = new TestClock(NOW);
    HttpServer server;
    JwtVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
    }

    @BeforeEach
    void serveJwks() throws Exception {
        published.add(rsa.toPublicJWK());
        published.add(ec.toPublicJWK());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs", exchange -> {
            jwksRequests.incrementAndGet();
            byte[] body = new JWKSet(new ArrayList<>(published)).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        verifier = new JwtVerifier(settings(""), clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    JwtSettings settings(String extra) throws Exception {
        return JwtSettings.parse("""
                issuer: %s
                jwks_url: http://127.0.0.1:%d/certs
                audience: aihelpdesk
                role_mapping:
                  pg-admins: [dba, oncall]
                service_claim: azp
                service_values: [srebot]
                %s
                """.formatted(ISSUER, server.getAddress().getPort(), extra), "jwt.yaml", Map.<String, String>of()::get);
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of("aihelpdesk", "account")).subject("alice")
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plusSeconds(300)))
                .claim("roles", List.of("pg-admins", "viewer"));
    }

    static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    static String rs256(JWTClaimsSet claims) throws Exception {
        return sign(rsa, JWSAlgorithm.RS256, claims);
    }

    Rejected rejected(String token) {
        JwtOutcome outcome = verifier.verify(token);
        assertThat(outcome).isInstanceOf(Rejected.class);
        return (Rejected) outcome;
    }

    @Test
    void valid_rsa_token_yields_caller_with_mapped_and_passed_through_roles() throws Exception {
        Caller caller = verifier.authenticate(rs256(claims().build())).orElseThrow();
        assertThat(caller).isEqualTo(new Caller("alice", "user", List.of("dba", "oncall", "viewer"), "jwt"));
        assertThat(jwksRequests).hasValue(1);
    }

    @Test
    void valid_ec_token_is_accepted_and_jwks_is_fetched_once() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(sign(ec, JWSAlgorithm.ES256, claims().build()))).isInstanceOf(Verified.class);
        }
        assertThat(jwksRequests).as("cached, not fetched per request").hasValue(1);
    }

    @Test
    void only_mapped_roles_drops_unmapped_values() throws Exception {
        verifier = new JwtVerifier(settings("only_mapped_roles: true"), clock);
        assertThat(verifier.authenticate(rs256(claims().build())).orElseThrow().roles()).containsExactly("dba", "oncall");
    }

    @Test
    void expired_token_is_rejected_with_exp_and_now() throws Exception {
        Rejected r = rejected(rs256(claims().expirationTime(Date.from(NOW.minusSeconds(120))).build()));
        assertThat(r.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(r.message()).isEqualTo("token expired at 2026-01-01T11:58:00Z (now 2026-01-01T12:00:00Z, clock skew 60 s)"
                + " — obtain a fresh token");
    }

    @Test
    void expiry_within_clock_skew_is_tolerated() throws Exception {
        assertThat(verifier.verify(rs256(claims().expirationTime(Date.from(NOW.minusSeconds(30))).build()))).isInstanceOf(Verified.class);
    }

    @Test
    void token_not_yet_valid_is_rejected() throws Exception {
        Rejected r = rejected(rs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(600))).build()));
        assertThat(r.reason()).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(r.message()).startsWith("token is not valid before 2026-01-01T12:10:00Z (now 2026-01-01T12:00:00Z, clock skew 60 s)");
    }

    @Test
    void wrong_issuer_is_rejected_with_expected_and_got() throws Exception {
        Rejected r = rejected(rs256(claims().issuer("https://evil.example.com").build()));
        assertThat(r.reason()).isEqualTo(Reason.WRONG_ISSUER);
        assertThat(r.message()).isEqualTo("issuer is 'https://evil.example.com', expected '" + ISSUER + "'");
    }

    @Test
    void wrong_audience_is_rejected() throws Exception {
        Rejected r = rejected(rs256(claims().audience("grafana").build()));
        assertThat(r.reason()).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(r.message()).startsWith("audience is [grafana], expected it to include 'aihelpdesk'");
    }

    @Test
    void tampered_payload_fails_the_signature() throws Exception {
        String[] parts = rs256(claims().build()).split("\\.");
        String forged = Base64URL.encode(claims().subject("mallory").build().toString()).toString();
        Rejected r = rejected(parts[0] + "." + forged + "." + parts[2]);
        assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(r.message()).isEqualTo("signature does not verify with key 'rsa-1' — the token was altered or signed by another key");
    }

    @Test
    void unknown_key_triggers_one_refetch_and_is_still_rejected() throws Exception {
        String token = sign(stranger, JWSAlgorithm.RS256, claims().build());
        Rejected r = rejected(token);
        assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(r.message()).startsWith("key id 'stranger' is not in the JWKS at http://127.0.0.1:");
        assertThat(jwksRequests).as("initial fetch + one refetch").hasValue(2);
        rejected(token);
        rejected(token);
        clock.advance(java.time.Duration.ofSeconds(29));
        rejected(token);
        assertThat(jwksRequests).as("no refetch within 30 s").hasValue(2);
        clock.advance(java.time.Duration.ofSeconds(2));
        rejected(token);
        assertThat(jwksRequests).as("refetch allowed again after 30 s").hasValue(3);
    }

    @Test
    void rotated_key_is_accepted_after_one_refetch() throws Exception {
        assertThat(verifier.verify(rs256(claims().build()))).isInstanceOf(Verified.class);
        assertThat(jwksRequests).hasValue(1);
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        published.add(rotated.toPublicJWK());
        assertThat(verifier.authenticate(sign(rotated, JWSAlgorithm.RS256, claims().build()))).isPresent();
        assertThat(verifier.authenticate(sign(rotated, JWSAlgorithm.RS256, claims().build()))).isPresent();
        assertThat(jwksRequests).hasValue(2);
    }

    @Test
    void key_published_for_encryption_is_not_used_for_signatures() throws Exception {
        RSAKey enc = new RSAKeyGenerator(2048).keyID("enc-1").keyUse(KeyUse.ENCRYPTION).generate();
        published.add(enc.toPublicJWK());
        Rejected r = rejected(sign(enc, JWSAlgorithm.RS256, claims().build()));
        assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(r.message()).isEqualTo("key 'enc-1' is published for use 'enc', not for signatures — the token names the wrong key id");
    }

    @Test
    void unsigned_alg_none_token_is_refused() {
        Rejected r = rejected(new PlainJWT(claims().build()).serialize());
        assertThat(r.reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
        assertThat(r.message()).isEqualTo("token is unsigned (alg 'none'), which is never accepted");
    }

    @Test
    void hmac_token_is_refused_even_when_keyed_with_a_known_kid() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        jwt.sign(new MACSigner(rsa.toPublicJWK().toJSONString().substring(0, 64).getBytes(StandardCharsets.UTF_8)));
        Rejected r = rejected(jwt.serialize());
        assertThat(r.reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
        assertThat(r.message()).startsWith("algorithm HS256 is HMAC (shared secret); tokens must be signed with an asymmetric key");
    }

    @Test
    void algorithm_outside_the_allowed_list_is_refused() throws Exception {
        Rejected r = rejected(sign(rsa, JWSAlgorithm.RS512, claims().build()));
        assertThat(r.reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
        assertThat(r.message()).startsWith("algorithm RS512 is not allowed (allowed: [RS256, ES256])");
    }

    @Test
    void malformed_tokens_are_rejected() {
        assertThat(rejected("not-a-jwt").reason()).isEqualTo(Reason.MALFORMED);
        assertThat(rejected("").reason()).isEqualTo(Reason.MALFORMED);
        assertThat(verifier.authenticate(null)).isEmpty();
    }

    @Test
    void roles_come_from_a_dotted_claim_path() throws Exception {
        verifier = new JwtVerifier(settings("roles_claim: realm_access.roles"), clock);
        JWTClaimsSet c = claims().claim("roles", null).claim("realm_access", Map.of("roles", List.of("pg-admins", "auditor"))).build();
        assertThat(verifier.authenticate(rs256(c)).orElseThrow().roles()).containsExactly("dba", "oncall", "auditor");
    }

    @Test
    void service_accounts_are_detected_by_claim_value() throws Exception {
        Caller bot = verifier.authenticate(rs256(claims().subject("service-account-srebot").claim("azp", "srebot").build())).orElseThrow();
        assertThat(bot.kind()).isEqualTo("service");
        assertThat(bot.id()).isEqualTo("service-account-srebot");
        assertThat(verifier.authenticate(rs256(claims().claim("azp", "web-console").build())).orElseThrow().kind()).isEqualTo("user");
    }

    @Test
    void unreachable_jwks_is_reported() throws Exception {
        server.stop(0);
        Rejected r = rejected(rs256(claims().build()));
        assertThat(r.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);
        assertThat(r.message()).contains("cannot fetch JWKS from http://127.0.0.1:").contains("is the identity provider reachable?");
    }
}
