package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InventoryResourcesTest {
    @Test
    void masks_passwords_in_key_value_strings_and_uris() {
        assertThat(InventoryResources.mask("host=a password=s3cr3t user=b")).isEqualTo("host=a password=******** user=b");
        assertThat(InventoryResources.mask("host=a password='with space' user=b")).isEqualTo("host=a password=******** user=b");
        assertThat(InventoryResources.mask("postgresql://u:s3cr3t@h:5432/db")).isEqualTo("postgresql://u:********@h:5432/db");
        assertThat(InventoryResources.mask("postgresql://u@h/db")).isEqualTo("postgresql://u@h/db");
    }
}
