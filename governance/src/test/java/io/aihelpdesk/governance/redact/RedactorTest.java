package io.aihelpdesk.governance.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void masks_passwords_in_libpq_strings_and_uris() {
        assertThat(redactor.text("host=a password=s3cr3t user=b")).isEqualTo("host=a password=******** user=b");
        assertThat(redactor.text("host=a PASSWORD = 'with \\' quote' user=b")).isEqualTo("host=a PASSWORD = ******** user=b");
        assertThat(redactor.text("see postgresql://u:s3cr3t@h:5432/db now")).isEqualTo("see postgresql://u:********@h:5432/db now");
        assertThat(redactor.text("postgresql://u@h/db")).isEqualTo("postgresql://u@h/db");
    }

    @Test
    void masks_bearer_tokens_and_remembered_literals() {
        redactor.remember("hunter2-from-env");
        redactor.remember("abc"); // too short to mask safely everywhere
        assertThat(redactor.text("Authorization: Bearer eyJhbGciOi.x.y and hunter2-from-env in an error about abc"))
                .isEqualTo("Authorization: Bearer ******** and ******** in an error about abc");
    }

    @Test
    void masks_secret_named_keys_at_any_depth_and_strings_everywhere() {
        Map<String, Object> in = Map.of(
                "connection_string", "host=x password=pw1234",
                "api_key", "k-123456",
                "nested", Map.of("db_password", "pw", "list", List.of("token=1", "postgres://a:b@c/d")),
                "limit", 10);
        Map<String, Object> out = redactor.map(in);
        assertThat(out).containsEntry("connection_string", "host=x password=********")
                .containsEntry("api_key", Redactor.MASK).containsEntry("limit", 10);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) out.get("nested");
        assertThat(nested).containsEntry("db_password", Redactor.MASK);
        assertThat(nested.get("list")).isEqualTo(List.of("token=1", "postgres://a:********@c/d"));
    }
}
