package io.aihelpdesk.server.mcp;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of our MCP transports: the SDK's default (Jackson 3) plus one fix. The SDK (2.1.0)
 * declares the elicitation request's type id as a property {@code mode} that is also a bean
 * property, which Jackson 3 refuses to serialize ("Conflict between type id property 'mode' and bean
 * property"), so no elicitation could be sent; treating {@code mode} as an existing property writes
 * {@code "mode":"form"} once and reads requests with or without it.
 */
public final class McpJson {
    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JsonMapper.builder()
            .addMixIn(McpSchema.ElicitRequest.class, ElicitModeIsAProperty.class).build());

    private McpJson() {
    }

    public static McpJsonMapper mapper() {
        return MAPPER;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "mode",
            defaultImpl = McpSchema.ElicitFormRequest.class)
    private interface ElicitModeIsAProperty {
    }
}
