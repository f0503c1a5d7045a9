package dev.baton.spec;

import java.util.Set;

/**
 * Which {@code agent_type} values a spec may name. The agent registry (issue 3) provides the
 * real set; until then, and in pure tests, {@link #BUILT_IN} holds the types of seed 000.
 */
@FunctionalInterface
public interface AgentTypes {

  Set<String> known();

  AgentTypes BUILT_IN =
      () ->
          Set.of(
              "planner", "builder", "qa", "docs", "governance", "cost", "integration", "custom");
}
