package io.aihelpdesk.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.config.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSettingsTest {
    static final Map<String, String> ENV = Map.of("IDP", "https://idp.example.com");

    static JwtSettings parse(String yaml) throws ConfigException {
        return JwtSettings.parse(yaml, "jwt.yaml", ENV::get);
    }

    static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void minimal_file_gets_the_defaults() throws Exception {
        JwtSettings s = parse("""
                issuer: ${IDP}/realms/ops
                jwks_url: ${IDP}/realms/ops/protocol/openid-connect/certs
                audience: aihelpdesk
                """);
        assertThat(s.issuer()).isEqualTo("https://idp.example.com/realms/ops");
        assertThat(s.jwksUrl()).isEqualTo(URI.create("https://idp.example.com/realms/ops/protocol/openid-connect/certs"));
        assertThat(s.audience()).isEqualTo("aihelpdesk");
        assertThat(s.algorithms()).containsExactly("RS256", "ES256");
        assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.subjectClaim()).isEqualTo("sub");
        assertThat(s.rolesClaim()).isEqualTo("roles");
        assertThat(s.roleMapping()).isEmpty();
        assertThat(s.onlyMappedRoles()).isFalse();
        assertThat(s.serviceClaim()).isNull();
        assertThat(s.serviceValues()).isEmpty();
    }

    @Test
    void full_file_is_read(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwt.yaml");
        Files.writeString(file, """
                version: "1"
                issuer: https://idp.example.com/realms/ops
                jwks_url: http://keycloak:8080/realms/ops/protocol/openid-connect/certs
                audience: aihelpdesk
                algorithms: [RS256, PS256, ES384]
                clock_skew_seconds: 30
                subject_claim: preferred_username
                roles_claim: realm_access.roles
                role_mapping:
                  pg-admins: [dba, oncall]
                  readers: []
                only_mapped_roles: true
                service_claim: azp
                service_values: [srebot, secbot]
                """);
        JwtSettings s = JwtSettings.load(file);
        assertThat(s.algorithms()).containsExactly("RS256", "PS256", "ES384");
        assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.subjectClaim()).isEqualTo("preferred_username");
        assertThat(s.rolesClaim()).isEqualTo("realm_access.roles");
        assertThat(s.roleMapping()).containsExactlyInAnyOrderEntriesOf(Map.of("pg-admins", List.of("dba", "oncall"), "readers", List.of()));
        assertThat(s.onlyMappedRoles()).isTrue();
        assertThat(s.serviceClaim()).isEqualTo("azp");
        assertThat(s.serviceValues()).containsExactly("srebot", "secbot");
    }

    @Test
    void reports_every_problem_with_its_line() {
        assertThat(problems("""
                issuer: ""
                jwks_url: ftp://idp.example.com/certs
                algorithms: [RS256, none, HS256, XY999]
                clock_skew_seconds: soon
                roles_claim: realm_access..roles
                role_mapping:
                  pg-admins: dba
                only_mapped_roles: maybe
                service_claim: azp
                audiance: typo
                """)).containsExactly(
                "jwt.yaml:10: audiance: unknown key (allowed: algorithms, audience, clock_skew_seconds, issuer, jwks_url, only_mapped_roles,"
                        + " role_mapping, roles_claim, service_claim, service_values, subject_claim, version)",
                "jwt.yaml:1: issuer: must not be blank",
                "jwt.yaml:2: jwks_url: must be an http(s) URL with a host, got 'ftp://idp.example.com/certs'"
                        + " (e.g. https://idp.example.com/.well-known/jwks.json)",
                "jwt.yaml:1: 'audience' is required",
                "jwt.yaml:3: algorithms: 'none' is never allowed: unsigned tokens prove nothing",
                "jwt.yaml:3: algorithms: 'HS256' is an HMAC (shared-secret) algorithm; tokens are verified against the public keys of"
                        + " jwks_url, so only asymmetric algorithms are allowed (ES256, ES384, ES512, PS256, PS384, PS512, RS256, RS384, RS512)",
                "jwt.yaml:3: algorithms: unsupported algorithm 'XY999' (supported: ES256, ES384, ES512, PS256, PS384, PS512, RS256, RS384, RS512)",
                "jwt.yaml:4: clock_skew_seconds: must be a whole number of seconds from 0 to 600, got 'soon'",
                "jwt.yaml:5: roles_claim: must be a claim name or a dotted path like realm_access.roles, got 'realm_access..roles'",
                "jwt.yaml:7: role_mapping.pg-admins: must be a list of roles, e.g. [dba]",
                "jwt.yaml:8: only_mapped_roles: must be true or false, got 'maybe'",
                "jwt.yaml:9: service_claim: needs 'service_values': the claim values that mark a service account");
    }

    @Test
    void missing_required_fields_and_env_are_reported_together() {
        assertThat(problems("""
                jwks_url: ${NOPE}/certs
                service_values: [srebot]
                algorithms: []
                clock_skew_seconds: 601
                """)).containsExactly(
                "jwt.yaml:1: 'issuer' is required",
                "jwt.yaml:1: jwks_url: environment variable NOPE is not set",
                "jwt.yaml:1: jwks_url: must be an http(s) URL with a host, got '/certs' (e.g. https://idp.example.com/.well-known/jwks.json)",
                "jwt.yaml:1: 'audience' is required",
                "jwt.yaml:3: algorithms: must name at least one algorithm (default: [RS256, ES256])",
                "jwt.yaml:4: clock_skew_seconds: must be a whole number of seconds from 0 to 600, got '601'",
                "jwt.yaml:2: service_values: needs 'service_claim': the claim to compare these values with");
    }

    @Test
    void unreadable_file_says_which() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> JwtSettings.load(Path.of("/nonexistent/jwt.yaml")));
        assertThat(e.problems()).singleElement().asString().startsWith("/nonexistent/jwt.yaml: cannot read JWT settings file:");
    }
}
