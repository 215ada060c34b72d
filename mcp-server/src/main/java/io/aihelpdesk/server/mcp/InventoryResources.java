package io.aihelpdesk.server.mcp;

import io.aihelpdesk.server.InventoryView;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * The inventory as MCP resources: {@code helpdesk://inventory} and {@code helpdesk://databases/{id}}.
 * Passwords never leave the server: connection strings are shown with any password masked.
 */
final class InventoryResources {
    private static final String PREFIX = "helpdesk://databases/";

    private InventoryResources() {
    }

    static SyncResourceSpecification inventory(Inventory inventory) {
        McpSchema.Resource resource = McpSchema.Resource.builder()
                .uri("helpdesk://inventory").name("inventory").mimeType("application/json")
                .description("The databases, Kubernetes clusters and VMs this server may diagnose (no secrets).")
                .build();
        return new SyncResourceSpecification(resource, (exchange, request) -> read(request.uri(), view(inventory)));
    }

    static SyncResourceTemplateSpecification database(Inventory inventory) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(PREFIX + "{id}").name("database").mimeType("application/json")
                .description("One inventory database: hosting, Kubernetes placement and tags (no secrets).")
                .build();
        return new SyncResourceTemplateSpecification(template, (exchange, request) -> {
            String id = request.uri().substring(PREFIX.length());
            DbServer db = inventory.database(id).orElseThrow(() -> McpError.RESOURCE_NOT_FOUND.apply(request.uri()));
            return read(request.uri(), InventoryView.of(inventory, db));
        });
    }

    private static McpSchema.ReadResourceResult read(String uri, Object value) {
        return new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents(uri, "application/json", Json.writePretty(value))));
    }

    static Map<String, Object> view(Inventory inventory) {
        return InventoryView.of(inventory);
    }

    static String mask(String connectionString) {
        return InventoryView.mask(connectionString);
    }
}
