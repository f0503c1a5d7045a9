package dev.baton.registry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the registry for matching (deploy time) and for the worker (run time). Always reads the
 * database, never a cache: an agent disabled on one engine node is disabled on all of them.
 */
@Component
public class AgentDirectory {

  private final AgentRepository agents;
  private final ToolRepository tools;
  private final AgentToolRepository assignments;
  private final RegistrySeeder seeder;

  AgentDirectory(AgentRepository agents, ToolRepository tools, AgentToolRepository assignments,
      RegistrySeeder seeder) {
    this.agents = agents;
    this.tools = tools;
    this.assignments = assignments;
    this.seeder = seeder;
  }

  @Transactional(readOnly = true)
  public List<AgentProfile> all() {
    seeder.ensureSeeded();
    Map<Long, String> toolSlugs = new HashMap<>();
    tools.findAll().forEach(t -> toolSlugs.put(t.id(), t.slug()));
    Map<Long, Map<String, List<String>>> grants = new HashMap<>();
    assignments.findAll().forEach(a -> grants.computeIfAbsent(a.agentId(),
        k -> new LinkedHashMap<>()).put(toolSlugs.get(a.toolId()), a.scopes()));
    return agents.findAllByOrderBySlugAsc().stream()
        .map(a -> profile(a, grants.getOrDefault(a.id(), Map.of()))).toList();
  }

  @Transactional(readOnly = true)
  public Optional<AgentProfile> bySlug(String slug) {
    seeder.ensureSeeded();
    return agents.findBySlug(slug).map(a -> profile(a, grants(a.id())));
  }

  @Transactional(readOnly = true)
  public Optional<ToolInfo> tool(String slug) {
    seeder.ensureSeeded();
    return tools.findBySlug(slug).map(ToolInfo::of);
  }

  private Map<String, List<String>> grants(Long agentId) {
    Map<String, List<String>> grants = new LinkedHashMap<>();
    for (AgentTool assignment : assignments.findByAgentId(agentId)) {
      tools.findById(assignment.toolId())
          .ifPresent(t -> grants.put(t.slug(), assignment.scopes()));
    }
    return grants;
  }

  static AgentProfile profile(Agent agent, Map<String, List<String>> grants) {
    return new AgentProfile(agent.id(), agent.slug(), agent.title(), agent.type(),
        RegistryJson.strings(agent.capabilitiesJson()), RegistryJson.object(agent.configJson()),
        agent.enabled(), agent.builtIn(), grants);
  }
}
