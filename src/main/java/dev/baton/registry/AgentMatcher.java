package dev.baton.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the agent for a node (seed 001's capability matching). A node may pin an agent
 * ({@code config.agent}), name an {@code agent_type}, require {@code config.capabilities} and
 * ask for {@code config.tools}; an agent fits when it is enabled, of that type, has every
 * required capability and has every asked-for tool assigned. Of the fitting agents the best is,
 * when capabilities were asked for, the one with the fewest beyond them (the most specific fit);
 * then a shipped default before a registered one; then by slug. So a node naming only a type
 * runs on that type's default while it is enabled, and the same registry always gives the same
 * choice. Pure: no database, so it is tested on its own and runs at deploy time.
 */
public final class AgentMatcher {

  /** What a node asks of its agent. Null or empty parts ask for nothing. */
  public record Requirement(String nodeId, String agentType, List<String> capabilities,
      String pinnedAgent, List<String> tools) {

    public Requirement {
      capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
      tools = tools == null ? List.of() : List.copyOf(tools);
    }
  }

  /** The outcome: the chosen agent, or why none fits. */
  public sealed interface Result permits Match, NoMatch {}

  public record Match(AgentProfile agent) implements Result {}

  /**
   * @param field the node field at fault: {@code agent_type}, {@code config.agent}, {@code
   *     config.capabilities} or {@code config.tools}
   */
  public record NoMatch(String field, String message, String hint) implements Result {}

  private AgentMatcher() {}

  public static Result match(Requirement need, List<AgentProfile> agents) {
    if (need.pinnedAgent() != null) {
      return pinned(need, agents);
    }
    List<AgentProfile> ofType = agents.stream()
        .filter(a -> need.agentType() == null || need.agentType().equals(a.type()))
        .toList();
    List<AgentProfile> enabled = ofType.stream().filter(AgentProfile::enabled).toList();
    if (enabled.isEmpty()) {
      String what = need.agentType() == null ? "agent" : "agent of type '" + need.agentType() + "'";
      return new NoMatch("agent_type", "no enabled " + what + " is registered"
          + (ofType.isEmpty() ? "" : " (disabled: " + slugs(ofType) + ")"),
          ofType.isEmpty()
              ? "register one with POST /api/agents"
              : "enable one with PUT /api/agents/{id} (\"enabled\": true) or register another");
    }
    List<AgentProfile> capable = enabled.stream()
        .filter(a -> a.capabilities().containsAll(need.capabilities())).toList();
    if (capable.isEmpty()) {
      AgentProfile closest = enabled.stream()
          .min(Comparator.comparingInt((AgentProfile a) -> missing(need.capabilities(),
              a.capabilities()).size()).thenComparing(AgentProfile::slug)).orElseThrow();
      return new NoMatch("config.capabilities", "no enabled " + typeText(need)
          + " has every capability of " + need.capabilities() + "; closest is '"
          + closest.slug() + "', which lacks " + missing(need.capabilities(),
              closest.capabilities()),
          "drop the missing capabilities, add them to an agent with PUT /api/agents/{id}, or "
              + "register an agent that has them");
    }
    List<AgentProfile> equipped = capable.stream()
        .filter(a -> a.scopesByTool().keySet().containsAll(need.tools())).toList();
    if (equipped.isEmpty()) {
      AgentProfile closest = capable.stream().min(Comparator.comparing(AgentProfile::slug))
          .orElseThrow();
      return new NoMatch("config.tools", "no fitting " + typeText(need) + " has every tool of "
          + need.tools() + " assigned; '" + closest.slug() + "' lacks "
          + missing(need.tools(), List.copyOf(closest.scopesByTool().keySet())),
          "assign them with POST /api/agents/" + closest.id() + "/tools, or remove them from "
              + "config.tools");
    }
    // fewest extras only matters when capabilities were asked for; otherwise the default
    // of the type wins, so registering an agent never silently re-routes type-only nodes
    boolean asked = !need.capabilities().isEmpty();
    return new Match(equipped.stream()
        .min(Comparator.comparingInt((AgentProfile a) -> asked ? a.capabilities().size() : 0)
            .thenComparing(a -> !a.builtIn())
            .thenComparing(AgentProfile::slug))
        .orElseThrow());
  }

  private static Result pinned(Requirement need, List<AgentProfile> agents) {
    Optional<AgentProfile> found = agents.stream()
        .filter(a -> a.slug().equals(need.pinnedAgent())).findFirst();
    if (found.isEmpty()) {
      return new NoMatch("config.agent", "no agent '" + need.pinnedAgent() + "' is registered",
          "use one of: " + slugs(agents) + ", or register it with POST /api/agents");
    }
    AgentProfile agent = found.get();
    if (!agent.enabled()) {
      return new NoMatch("config.agent", "agent '" + agent.slug() + "' is disabled",
          "enable it with PUT /api/agents/" + agent.id() + " or pin another agent");
    }
    if (need.agentType() != null && !need.agentType().equals(agent.type())) {
      return new NoMatch("agent_type", "agent '" + agent.slug() + "' is of type '"
          + agent.type() + "', not '" + need.agentType() + "'",
          "change agent_type to '" + agent.type() + "' or pin an agent of that type");
    }
    List<String> lacking = missing(need.capabilities(), agent.capabilities());
    if (!lacking.isEmpty()) {
      return new NoMatch("config.capabilities", "agent '" + agent.slug() + "' lacks "
          + lacking, "add them with PUT /api/agents/" + agent.id() + " or drop them");
    }
    List<String> tools = missing(need.tools(), List.copyOf(agent.scopesByTool().keySet()));
    if (!tools.isEmpty()) {
      return new NoMatch("config.tools", "agent '" + agent.slug() + "' has no tool " + tools
          + " assigned", "assign them with POST /api/agents/" + agent.id() + "/tools");
    }
    return new Match(agent);
  }

  private static String typeText(Requirement need) {
    return need.agentType() == null ? "agent" : need.agentType() + " agent";
  }

  private static List<String> missing(List<String> wanted, List<String> present) {
    Set<String> lacking = new LinkedHashSet<>(wanted);
    lacking.removeAll(present);
    return new ArrayList<>(lacking);
  }

  private static String slugs(List<AgentProfile> agents) {
    return agents.stream().map(AgentProfile::slug).sorted().collect(Collectors.joining(", "));
  }
}
