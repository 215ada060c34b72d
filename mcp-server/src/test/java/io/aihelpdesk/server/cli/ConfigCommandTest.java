package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreProcessSettings() throws Exception {
        Environment.install(null);
    }

    @Test
    void show_names_the_file_and_masks_what_it_must() throws Exception {
        Path file = dir.resolve("helpdesk.yaml");
        Files.writeString(file, """
                port: 9911
                mode: fix
                audit_url: postgresql://helpdesk:s3cr3t-pw@db.internal:5432/audit
                approval_webhook: https://hooks.slack.com/services/T000/B000/XyZsecretpath
                api_key: sk-ant-very-secret-key
                """);
        CliRun run = CliRun.of("config", "show", "--config", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("# config file: " + file)
                .containsPattern("(?m)^port\\s+file\\s+9911$")
                .containsPattern("(?m)^mode\\s+file\\s+fix$")
                .containsPattern("(?m)^audit_url\\s+file\\s+postgresql://helpdesk:\\*+@db.internal:5432/audit$")
                .containsPattern("(?m)^approval_webhook\\s+file\\s+https://hooks.slack.com/\\*+$")
                .containsPattern("(?m)^api_key\\s+file\\s+\\*+ \\(set\\)$")
                .containsPattern("(?m)^bind\\s+default\\s+127.0.0.1$")
                .doesNotContain("s3cr3t-pw").doesNotContain("XyZsecretpath").doesNotContain("very-secret");
    }

    @Test
    void the_config_flag_works_before_the_subcommand_too_and_json_is_parseable() throws Exception {
        Path file = dir.resolve("h.yaml");
        Files.writeString(file, "statement_timeout: 12\ncallback_secret: hmac-key-123\n");
        CliRun run = CliRun.of("--config", file.toString(), "config", "show", "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        var doc = io.aihelpdesk.tools.Json.mapper().readTree(run.out());
        assertThat(doc.get("config_file").asText()).isEqualTo(file.toString());
        var timeout = java.util.stream.StreamSupport.stream(doc.get("settings").spliterator(), false)
                .filter(n -> n.get("key").asText().equals("statement_timeout")).findFirst().orElseThrow();
        assertThat(timeout.get("value").asText()).isEqualTo("12");
        assertThat(timeout.get("source").asText()).isEqualTo("file");
        assertThat(timeout.get("env").asText()).isEqualTo("HELPDESK_STATEMENT_TIMEOUT");
        assertThat(run.out()).doesNotContain("hmac-key-123");
    }

    @Test
    void a_bad_file_is_refused_with_every_problem_and_its_line() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                port: 8080
                audit_ulr: postgresql://x
                java_opts: -Xmx1g
                model_vendor:
                  name: anthropic
                """);
        CliRun run = CliRun.of("config", "show", "--config", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(file + ":2: audit_ulr: unknown key (allowed: agent_api_key")
                .contains(file + ":3: java_opts: unknown key")
                .contains(file + ":5: model_vendor: must be a single value");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void a_missing_config_file_is_an_error_not_silently_ignored() {
        CliRun run = CliRun.of("config", "show", "--config", dir.resolve("nope.yaml").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("nope.yaml").contains("cannot read config file");
    }

    @Test
    void a_flag_beats_the_environment_which_beats_the_file_which_beats_the_default() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "port: 7001\nbind: 0.0.0.0\nk8s_timeout: 4\n");
        var fakeEnv = java.util.Map.of("HELPDESK_PORT", "7002", "HELPDESK_K8S_TIMEOUT", "  ");
        Environment env = Environment.load(fakeEnv::get, file);

        assertThat(env.apply("HELPDESK_PORT")).isEqualTo("7002");
        assertThat(env.source("HELPDESK_PORT")).isEqualTo(Environment.Source.ENV);
        assertThat(env.apply("HELPDESK_BIND")).isEqualTo("0.0.0.0");
        assertThat(env.source("HELPDESK_BIND")).isEqualTo(Environment.Source.FILE);
        assertThat(env.apply("HELPDESK_K8S_TIMEOUT")).as("a blank variable does not hide the file").isEqualTo("4");
        assertThat(env.apply("HELPDESK_MODE")).isNull();
        assertThat(env.source("HELPDESK_MODE")).isEqualTo(Environment.Source.DEFAULT);

        Environment.install(file);
        assertThat(EnvDefaults.text("7003", "HELPDESK_PORT", "8080")).isEqualTo("7003");
        assertThat(EnvDefaults.text(null, "HELPDESK_BIND", "127.0.0.1")).isEqualTo("0.0.0.0");
        assertThat(EnvDefaults.text(null, "HELPDESK_MODE", "readonly")).isEqualTo("readonly");
    }

    @Test
    void the_file_expands_environment_references_so_secrets_can_stay_out_of_it() throws Exception {
        Path file = dir.resolve("ref.yaml");
        Files.writeString(file, "api_key: ${VENDOR_KEY}\n");
        var fakeEnv = java.util.Map.of("VENDOR_KEY", "k-42");

        assertThat(Environment.load(fakeEnv::get, file).apply("HELPDESK_API_KEY")).isEqualTo("k-42");
        Files.writeString(file, "api_key: ${VENDOR_KEY}\nmodel_name: ${MISSING_ONE}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Environment.load(java.util.Map.of("VENDOR_KEY", "x")::get, file))
                .hasMessageContaining(file + ":2: model_name: environment variable MISSING_ONE is not set");
    }
}
