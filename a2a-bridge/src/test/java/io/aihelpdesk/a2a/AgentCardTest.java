package io.aihelpdesk.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.a2a.jsonrpc.common.json.JsonProcessingException;
import io.a2a.jsonrpc.common.json.JsonUtil;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The card's security schemes when the server demands a token: the 0.3 shape by default (as the A2A
 * JS SDK's compat servers publish it, and 0.3 clients read it), the 1.0 shape for clients that ask
 * with {@code A2A-Version: 1.0} — which the A2A Java SDK, a strict 1.0 reader, requires.
 */
class AgentCardTest {
    private static final Catalog CATALOG = new Catalog(TestTools.all());
    private static final DomainAgent ORCH = DomainAgent.named(DomainAgent.ORCHESTRATOR);

    @Test
    void the_default_card_declares_bearer_auth_in_the_0_3_shape() {
        Map<String, Object> card = AgentCard.of(ORCH, CATALOG, "http://h/a2a/x", "1", true);
        assertThat(card.get("securitySchemes")).isEqualTo(Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                "description", "An aiHelpDesk API key (helpdesk users add) or a JWT from the configured identity provider")));
        assertThat(card.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
        // the strict 1.0 reader refuses it: the reason for the 1.0 variant below
        assertThatThrownBy(() -> JsonUtil.fromJson(Json.write(card), io.a2a.spec.AgentCard.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void asked_for_1_0_the_card_declares_bearer_auth_in_the_1_0_shape_the_java_sdk_reads() throws Exception {
        Map<String, Object> card = AgentCard.of(ORCH, CATALOG, "http://h/a2a/x", "1", true, true);
        io.a2a.spec.AgentCard parsed = JsonUtil.fromJson(Json.write(card), io.a2a.spec.AgentCard.class);
        assertThat(parsed.securitySchemes().get("bearer")).isInstanceOfSatisfying(io.a2a.spec.HTTPAuthSecurityScheme.class,
                s -> assertThat(s.scheme()).isEqualTo("Bearer"));
        assertThat(parsed.securityRequirements()).hasSize(1);
        assertThat(card).doesNotContainKey("security");
    }

    @Test
    void without_authentication_no_scheme_is_declared() {
        assertThat(AgentCard.of(ORCH, CATALOG, "http://h/a2a/x", "1", false, true)).doesNotContainKeys("securitySchemes", "security",
                "securityRequirements");
    }
}
