package io.aihelpdesk.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionStringsTest {
    @TempDir
    Path home;

    private ConnectionStrings parser(Map<String, String> env) {
        return new ConnectionStrings(env::get, home);
    }

    @Test
    void parses_libpq_key_values_with_quotes_and_escapes() {
        ConnectionSpec s = parser(Map.of()).parse("host=db1 port = 6432 dbname='my db' user=o\\'neil password='p a\\'ss' sslmode=require");
        assertThat(s.hosts()).containsExactly("db1");
        assertThat(s.ports()).containsExactly(6432);
        assertThat(s.dbname()).isEqualTo("my db");
        assertThat(s.user()).isEqualTo("o'neil");
        assertThat(s.password()).isEqualTo("p a'ss");
        assertThat(s.option("sslmode")).isEqualTo("require");
        assertThat(s.toString()).doesNotContain("p a'ss").contains("dbname=my db");
    }

    @Test
    void parses_uris_with_percent_encoding_multiple_hosts_and_query_options() {
        ConnectionSpec s = parser(Map.of()).parse("postgresql://app%40corp:s%3Acret@h1:5433,[::1]:5434/sales%20db?sslmode=verify-full&application_name=x");
        assertThat(s.user()).isEqualTo("app@corp");
        assertThat(s.password()).isEqualTo("s:cret");
        assertThat(s.hosts()).containsExactly("h1", "::1");
        assertThat(s.ports()).containsExactly(5433, 5434);
        assertThat(s.dbname()).isEqualTo("sales db");
        assertThat(s.option("sslmode")).isEqualTo("verify-full");
        assertThat(s.address()).isEqualTo("h1:5433,[::1]:5434");
    }

    @Test
    void empty_string_falls_back_to_pg_environment_and_pgpass() throws Exception {
        Files.writeString(home.resolve(".pgpass"), "# comment\notherhost:*:*:*:nope\npg.example:5544:*:alice:fr\\:om-pgpass\n");
        ConnectionSpec s = parser(Map.of("PGHOST", "pg.example", "PGPORT", "5544", "PGUSER", "alice")).parse("");
        assertThat(s.hosts()).containsExactly("pg.example");
        assertThat(s.ports()).containsExactly(5544);
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.dbname()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("fr:om-pgpass");
    }

    @Test
    void pgpassword_wins_over_pgpass_and_explicit_password_wins_over_both() {
        ConnectionStrings p = parser(Map.of("PGPASSWORD", "from-env"));
        assertThat(p.parse("host=x user=u").password()).isEqualTo("from-env");
        assertThat(p.parse("host=x user=u password=explicit").password()).isEqualTo("explicit");
    }

    @Test
    void rejects_malformed_strings_with_libpq_style_messages() {
        ConnectionStrings p = parser(Map.of());
        assertThatThrownBy(() -> p.parse("host=x bogus=1")).hasMessage("invalid connection option \"bogus\"");
        assertThatThrownBy(() -> p.parse("host=x dbname='unterminated")).hasMessageContaining("unterminated quoted string");
        assertThatThrownBy(() -> p.parse("host")).hasMessageContaining("missing \"=\" after \"host\"");
        assertThatThrownBy(() -> p.parse("host=x port=99999")).hasMessageContaining("invalid port number");
        assertThatThrownBy(() -> p.parse("host=a,b port=1,2,3")).hasMessageContaining("could not match 3 port numbers to 2 hosts");
        assertThatThrownBy(() -> p.parse("host=/var/run/postgresql")).hasMessageContaining("Unix-domain socket");
    }

    @Test
    void tells_connection_strings_from_inventory_ids() {
        assertThat(ConnectionStrings.looksLikeConnectionString("prod-db")).isFalse();
        assertThat(ConnectionStrings.looksLikeConnectionString("host=x")).isTrue();
        assertThat(ConnectionStrings.looksLikeConnectionString("postgres://x")).isTrue();
    }
}
