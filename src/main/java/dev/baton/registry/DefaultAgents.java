package dev.baton.registry;

import java.util.List;
import java.util.Map;

/**
 * The agent of every type that ships with the platform (seed 000's agent types and their
 * capabilities). No {@code model}: they use the model catalogue's default, so pointing Baton at
 * a provider needs no agent edits. Operators may change or disable them; seeding never
 * overwrites.
 */
public final class DefaultAgents {

  /** @param slug the agent's slug: its type, but for the orchestrator (a custom agent) */
  record Default(String slug, String type, String title, List<String> capabilities,
      double temperature, Map<String, List<String>> tools) {

    Default(String type, String title, List<String> capabilities, double temperature,
        Map<String, List<String>> tools) {
      this(type, type, title, capabilities, temperature, tools);
    }
  }

  static final List<Default> ALL = List.of(
      new Default("planner", "Planner", List.of("planning", "task_breakdown", "estimation"),
          0.2, Map.of()),
      new Default("builder", "Builder",
          List.of("code_generation", "implementation", "refactoring"), 0.1,
          inOrder("git", "read,write", "github", "read,write", "github-issues", "read")),
      new Default("qa", "QA", List.of("testing", "validation", "bug_detection"), 0.0, Map.of()),
      new Default("docs", "Docs", List.of("documentation", "explanation", "tutorials"), 0.5,
          Map.of()),
      new Default("governance", "Governance",
          List.of("policy_compliance", "audit", "governance_checks"), 0.0, Map.of()),
      new Default("cost", "Cost", List.of("cost_analysis", "optimization", "budgeting"), 0.1,
          Map.of()),
      new Default("integration", "Integration",
          List.of("third_party_integrations", "api_management", "notifications"), 0.1,
          inOrder("http", "read,write", "slack", "write", "webhook", "write")),
      new Default("custom", "Custom", List.of("general"), 0.3, Map.of()),
      // a custom agent (type-only "custom" nodes keep the "custom" default, first by slug)
      // with the meta-tools: it acts with the rights of the person who started its run
      new Default("orchestrator", "custom", "Orchestrator",
          List.of("orchestration", "workflow_design"), 0.1,
          inOrder("meta", "read,write,admin")));

  private DefaultAgents() {}

  /**
   * Tool grants in the order written (tool, then its scopes comma-separated), so every start
   * seeds and lists them alike; {@code Map.of} iterates in no fixed order.
   */
  private static Map<String, List<String>> inOrder(String... toolThenScopes) {
    Map<String, List<String>> grants = new java.util.LinkedHashMap<>();
    for (int i = 0; i < toolThenScopes.length; i += 2) {
      grants.put(toolThenScopes[i], List.of(toolThenScopes[i + 1].split(",")));
    }
    return java.util.Collections.unmodifiableMap(grants);
  }

  /** The defaults as profiles, as a fresh registry holds them (for pure tests and tools). */
  public static List<AgentProfile> profiles() {
    List<AgentProfile> profiles = new java.util.ArrayList<>();
    long id = 1;
    for (Default d : ALL) {
      List<AgentProfile.Grant> grants = new java.util.ArrayList<>();
      d.tools().forEach((tool, scopes) -> grants.add(new AgentProfile.Grant(tool, scopes)));
      profiles.add(AgentProfile.of(id++, d.slug(), d.title() + " (default)", d.type(),
          d.capabilities(), RegistryJson.JSON.createObjectNode().put("temperature",
              d.temperature()), true, true, null, grants, null));
    }
    return profiles;
  }
}
