package dev.baton.registry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the registry for matching (deploy time) and for the worker (run time). Always reads the
 * database, never a cache: an agent disabled on one engine node is disabled on all of them. The
 * worker's lookup, once per agent task, is one plain query for the agent and its grants.
 */
@Component
public class AgentDirectory {

  private final AgentRepository agents;
  private final ToolRepository tools;
  private final AgentToolRepository assignments;
  private final RegistrySeeder seeder;
  private final JdbcTemplate jdbc;

  AgentDirectory(AgentRepository agents, ToolRepository tools, AgentToolRepository assignments,
      RegistrySeeder seeder, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.agents = agents;
    this.tools = tools;
    this.assignments = assignments;
    this.seeder = seeder;
  }

  /** The agents a tenant's workflows may use: its own and the shared ones. */
  @Transactional(readOnly = true)
  public List<AgentProfile> availableTo(String tenantId) {
    seeder.ensureSeeded();
    Map<Long, String> toolSlugs = new HashMap<>();
    tools.findAll().forEach(t -> toolSlugs.put(t.id(), t.slug()));
    Map<Long, List<AgentProfile.Grant>> grants = new HashMap<>();
    assignments.findAll(Sort.by("id")).forEach(a -> grants.computeIfAbsent(a.agentId(),
        k -> new ArrayList<>()).add(new AgentProfile.Grant(toolSlugs.get(a.toolId()),
            a.scopes())));
    return agents.findAllByOrderBySlugAsc().stream()
        .filter(a -> a.tenantId() == null || a.tenantId().equals(tenantId))
        .map(a -> AgentProfile.of(a, grants.getOrDefault(a.id(), List.of()))).toList();
  }

  public Optional<AgentProfile> bySlug(String slug) {
    seeder.ensureSeeded();
    List<AgentProfile> agent = new ArrayList<>(); // the agent's columns; its tools come after
    List<AgentProfile.Grant> grants = new ArrayList<>();
    jdbc.query("SELECT a.id, a.slug, a.title, a.type, a.capabilities, a.config, a.enabled, "
        + "a.built_in, a.tenant_id, a.updated_at, t.slug, g.scopes FROM baton_agent a "
        + "LEFT JOIN baton_agent_tool g ON g.agent_id = a.id "
        + "LEFT JOIN baton_tool t ON t.id = g.tool_id WHERE a.slug = ? ORDER BY g.id", rs -> {
          if (agent.isEmpty()) {
            OffsetDateTime updated = rs.getObject(10, OffsetDateTime.class);
            agent.add(new AgentProfile(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), RegistryJson.strings(rs.getString(5)),
                RegistryJson.object(rs.getString(6)), rs.getBoolean(7), rs.getBoolean(8),
                rs.getString(9), List.of(), updated == null ? null : updated.toInstant()));
          }
          if (rs.getString(11) != null) {
            grants.add(new AgentProfile.Grant(rs.getString(11),
                AgentTool.scopes(rs.getString(12))));
          }
        }, slug);
    return agent.stream().findFirst().map(a -> AgentProfile.of(a.id(), a.slug(), a.title(),
        a.type(), a.capabilities(), a.config(), a.enabled(), a.builtIn(), a.tenantId(), grants,
        a.updatedAt()));
  }

  /** The tools with these slugs that exist, by slug: one plain query per agent task. */
  public Map<String, ToolInfo> tools(Collection<String> slugs) {
    if (slugs.isEmpty()) {
      return Map.of();
    }
    seeder.ensureSeeded();
    Map<String, ToolInfo> found = new HashMap<>();
    jdbc.query("SELECT id, slug, title, category, connector, config, auth_required, "
        + "rate_limit_per_hour, cost_per_use_usd FROM baton_tool WHERE slug IN ("
        + String.join(", ", Collections.nCopies(slugs.size(), "?")) + ")", rs -> {
          found.put(rs.getString(2), new ToolInfo(rs.getLong(1), rs.getString(2),
              rs.getString(3), rs.getString(4), rs.getString(5),
              RegistryJson.object(rs.getString(6)), rs.getBoolean(7),
              rs.getObject(8, Integer.class), rs.getBigDecimal(9)));
        }, slugs.toArray());
    return found;
  }
}
