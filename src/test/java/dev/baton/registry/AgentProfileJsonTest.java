package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent JSON of the REST API (docs/api.md) is the record the worker and matching read:
 * its fields, their order and the derived {@code config.tools} stay as documented.
 */
class AgentProfileJsonTest {

  /** As application.yml configures Spring's mapper. */
  private static final ObjectMapper API = new ObjectMapper().registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void anAgentIsShownWithItsToolsInConfigAndAsGrants() throws Exception {
    AgentProfile agent = AgentProfile.of(2, "builder", "Builder (default)", "builder",
        List.of("code_generation"), RegistryJson.object("{\"temperature\":0.1}"), true, true,
        "acme", List.of(new AgentProfile.Grant("github-issues", List.of("read")),
            new AgentProfile.Grant("git", List.of("read", "write"))),
        Instant.parse("2026-12-02T20:00:00Z"));

    JsonNode json = API.readTree(API.writeValueAsString(agent));

    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("id", "slug", "title", "type", "capabilities", "config",
        "enabled", "built_in", "tenant_id", "tools", "updated_at");
    assertThat(json.path("config").toString())
        .isEqualTo("{\"temperature\":0.1,\"tools\":[\"github-issues\",\"git\"]}");
    assertThat(json.path("tools").toString()).isEqualTo("[{\"tool\":\"github-issues\","
        + "\"scopes\":[\"read\"]},{\"tool\":\"git\",\"scopes\":[\"read\",\"write\"]}]");
    assertThat(json.path("updated_at").asText()).isEqualTo("2026-12-02T20:00:00Z");
    // the worker's view of the grants, in the same order
    assertThat(agent.scopesByTool()).containsExactly(
        java.util.Map.entry("github-issues", List.of("read")),
        java.util.Map.entry("git", List.of("read", "write")));
  }

  @Test
  void aSharedAgentHasNoTenantField() throws Exception {
    AgentProfile shared = DefaultAgents.profiles().get(0);
    JsonNode json = API.readTree(API.writeValueAsString(shared));
    assertThat(json.has("tenant_id")).isFalse();
    assertThat(json.path("config").path("tools").isArray()).isTrue();
  }
}
