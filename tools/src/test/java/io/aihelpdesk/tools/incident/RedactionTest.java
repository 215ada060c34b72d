package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a bundle masks beyond the server's redactor: secrets passed as command-line flags, basic credentials. */
class RedactionTest {
    private final Redaction redaction = new Redaction(t -> t.replace("remembered-secret", "********"), "********");

    @Test
    void masks_secret_flags_of_command_lines_and_counts_every_mask() {
        String ps = "postgres  4242  0.0 /usr/bin/pgbouncer --password hunter22 --token=abc.def -v\n"
                + "app 77 backup --api-key 12345 --verbose remembered-secret\n"
                + "curl -H 'Authorization: Basic dXNlcjpwYXNz' http://x\n";
        String out = redaction.apply(ps);
        assertThat(out).doesNotContain("hunter22", "abc.def", "12345", "remembered-secret", "dXNlcjpwYXNz")
                .contains("--password ********", "--token=********", "--api-key ********", "--verbose", "Basic ********");
        assertThat(redaction.count(out)).isEqualTo(5);
        assertThat(redaction.apply(out)).as("masking twice changes nothing").isEqualTo(out);
    }
}
