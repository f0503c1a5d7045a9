package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped agents list their tool grants in the order written, on every start alike. */
class DefaultAgentsTest {

  @Test
  void toolGrantsKeepTheirWrittenOrder() {
    AgentProfile builder = DefaultAgents.profiles().stream()
        .filter(p -> p.slug().equals("builder")).findFirst().orElseThrow();
    assertThat(builder.tools()).extracting(AgentProfile.Grant::tool)
        .containsExactly("git", "github", "github-issues");
    assertThat(builder.tools().get(0).scopes()).containsExactly("read", "write");
    AgentProfile integration = DefaultAgents.profiles().stream()
        .filter(p -> p.slug().equals("integration")).findFirst().orElseThrow();
    assertThat(integration.tools()).extracting(AgentProfile.Grant::tool)
        .containsExactly("http", "slack", "webhook");
  }
}
