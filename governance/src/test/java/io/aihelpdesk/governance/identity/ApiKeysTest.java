package io.aihelpdesk.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void authenticates_users_and_service_accounts_by_key_hash() throws Exception {
        String[] alice = ApiKeys.newKey();
        String[] bot = ApiKeys.newKey();
        ApiKeys keys = ApiKeys.parse("""
                version: "1"
                users:
                  - id: alice
                    roles: [dba, oncall]
                    api_key_sha256: %s
                service_accounts:
                  - id: srebot
                    roles: [sre-automation]
                    api_key_sha256: %s
                """.formatted(alice[1], bot[1]), "users.yaml", Map.<String, String>of()::get);
        Caller a = keys.authenticate(alice[0]).orElseThrow();
        assertThat(a.id()).isEqualTo("alice");
        assertThat(a.kind()).isEqualTo("user");
        assertThat(a.roles()).containsExactly("dba", "oncall");
        assertThat(keys.authenticate(bot[0]).orElseThrow().kind()).isEqualTo("service");
        assertThat(keys.authenticate(alice[1])).as("the stored hash is not a key").isEmpty();
        assertThat(keys.authenticate("hd_wrong")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(alice[0]).startsWith("hd_").hasSize(46);
    }

    @Test
    void reports_every_problem_with_its_line() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ApiKeys.parse("""
                users:
                  - id: alice
                    api_key_sha256: not-a-hash
                  - id: alice
                    api_key_sha256: %s
                  - roles: [x]
                    api_key: plain
                """.formatted("a".repeat(64)), "users.yaml", Map.<String, String>of()::get));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "users.yaml:3: users[0].api_key_sha256: must be 64 lower-case hex digits (the SHA-256 of the key; see `helpdesk users new-key`)",
                "users.yaml:4: users[1]: duplicate id 'alice'",
                "users.yaml:7: users[2].api_key: unknown key (allowed: api_key_sha256, description, id, roles)",
                "users.yaml:6: users[2]: 'id' is required",
                "users.yaml:6: users[2]: 'api_key_sha256' is required");
    }
}
