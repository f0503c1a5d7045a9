package dev.baton.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.connector.ConnectorDefinition;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.problem.UnprocessableException;
import dev.baton.security.Caller;
import dev.baton.spec.AgentTypes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers, changes and lists agents and their tools (the REST API's service). */
@Service
public class AgentService {

  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern CAPABILITY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private final AgentRepository agents;
  private final ToolRepository tools;
  private final AgentToolRepository assignments;
  private final RegistrySeeder seeder;
  private final dev.baton.llm.ModelCatalogue models;
  private final Clock clock = Clock.systemUTC();
  private final AuditLog audit;

  private final dev.baton.governance.GovernancePolicy governance;

  AgentService(AgentRepository agents, ToolRepository tools, AgentToolRepository assignments,
      RegistrySeeder seeder, dev.baton.llm.ModelCatalogue models, AuditLog audit,
      dev.baton.governance.GovernanceProperties governance) {
    this.governance = governance.policy();
    this.audit = audit;
    this.models = models;
    this.agents = agents;
    this.tools = tools;
    this.assignments = assignments;
    this.seeder = seeder;
  }

  /** The agents the caller's tenants own, and the shared ones. */
  @Transactional(readOnly = true)
  public List<AgentProfile> list(Caller caller) {
    seeder.ensureSeeded();
    return agents.findAllByOrderBySlugAsc().stream().filter(a -> caller.sees(a.tenantId()))
        .map(this::view).toList();
  }

  @Transactional(readOnly = true)
  public AgentProfile get(Caller caller, String idOrSlug) {
    seeder.ensureSeeded();
    return view(find(caller, idOrSlug));
  }

  /**
   * Registers an agent in the caller's tenant; administrators may share one with every tenant
   * by naming no tenant.
   */
  @Transactional
  public AgentProfile create(Caller caller, AgentRequest request) {
    seeder.ensureSeeded();
    if (request.slug() == null || !SLUG.matcher(request.slug()).matches()) {
      throw new BadRequestException("slug '" + request.slug() + "' is not valid: use 1-64 "
          + "lower-case letters, digits and '-', starting with a letter");
    }
    Checked checked = check(request);
    if (agents.findBySlug(request.slug()).isPresent()) {
      throw new ConflictException("there is an agent '" + request.slug() + "' already; change "
          + "it with PUT /api/agents/{id}");
    }
    String tenant = caller.isAdmin() && (request.tenantId() == null
        || request.tenantId().isBlank()) ? null : caller.tenantFor(request.tenantId(), null);
    Agent agent = new Agent(request.slug(), false, tenant, clock.instant());
    checked.applyTo(agent, clock.instant());
    Agent saved;
    try {
      saved = agents.saveAndFlush(agent);
    } catch (org.springframework.dao.DataIntegrityViolationException e) {
      // another request registered the same slug meanwhile
      throw new ConflictException("there is an agent '" + request.slug() + "' already");
    }
    syncTools(saved, checked.tools(), false);
    return audited("agent.created", view(saved));
  }

  @Transactional
  public AgentProfile update(Caller caller, String idOrSlug, AgentRequest request) {
    seeder.ensureSeeded();
    Agent agent = changeable(caller, idOrSlug);
    if (request.slug() != null && !request.slug().equals(agent.slug())) {
      throw new ConflictException("an agent's slug cannot change (it is '" + agent.slug()
          + "'; deployed workflows name it); register a new agent instead");
    }
    Checked checked = check(request);
    checked.applyTo(agent, clock.instant());
    if (request.config() != null && request.config().has("tools")) {
      syncTools(agent, checked.tools(), true);
    }
    return audited("agent.updated", view(agent));
  }

  @Transactional
  public AgentProfile assign(Caller caller, String idOrSlug, ToolAssignment request) {
    seeder.ensureSeeded();
    Agent agent = changeable(caller, idOrSlug);
    if (request.toolId() == null || request.toolId().isBlank()) {
      throw new BadRequestException("tool_id is required: the slug of a tool (GET /api/tools)");
    }
    Tool tool = tool(request.toolId(), "$.tool_id");
    List<String> scopes = request.scopes() == null ? List.of() : request.scopes();
    if (scopes.isEmpty()) {
      throw new UnprocessableException("scopes must name at least one of "
          + ConnectorDefinition.SCOPES);
    }
    for (String scope : scopes) {
      if (!ConnectorDefinition.SCOPES.contains(scope)) {
        throw new UnprocessableException("unknown scope '" + scope + "': use "
            + ConnectorDefinition.SCOPES);
      }
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(scopes));
    String permissions = request.permissions() == null || request.permissions().isNull() ? null
        : RegistryJson.write(request.permissions());
    if (permissions != null && permissions.length() > 4000) {
      throw new UnprocessableException("permissions are too large (at most 4000 characters)");
    }
    assignments.findByAgentIdAndToolId(agent.id(), tool.id()).ifPresentOrElse(
        existing -> existing.apply(distinct, permissions),
        () -> assignments.saveAndFlush(new AgentTool(agent.id(), tool.id(), distinct,
            permissions, clock.instant())));
    return audited("agent.tool_assigned", view(agent));
  }

  @Transactional(readOnly = true)
  public List<ToolInfo> tools() {
    seeder.ensureSeeded();
    return tools.findAllByOrderBySlugAsc().stream().map(ToolInfo::of).toList();
  }

  /** Records the change with the agent as it is now (in this transaction). */
  private AgentProfile audited(String action, AgentProfile agent) {
    ObjectNode details = RegistryJson.JSON.createObjectNode().put("type", agent.type())
        .put("enabled", agent.enabled());
    details.set("config", agent.config());
    details.set("tools", RegistryJson.JSON.valueToTree(agent.tools()));
    audit.append(new AuditEvent(action, null, null, "agent", agent.slug(), null, details));
    return agent;
  }

  /** A request that passed the checks; {@code config} without its tools. */
  private record Checked(String title, String type, List<String> capabilities,
      ObjectNode config, List<String> tools, boolean enabled) {

    void applyTo(Agent agent, java.time.Instant now) {
      agent.apply(title, type, RegistryJson.write(capabilities), RegistryJson.write(config),
          enabled, now);
    }
  }

  private Checked check(AgentRequest request) {
    if (request.type() == null || !AgentTypes.BUILT_IN.known().contains(request.type())) {
      throw new UnprocessableException("type '" + request.type() + "' is not an agent type; "
          + "use one of " + new TreeSet<>(AgentTypes.BUILT_IN.known()));
    }
    if (!governance.allows(request.type())) {
      throw new UnprocessableException("type '" + request.type() + "' is not allowed by the "
          + "governance policy's agents.allowed_types (" + governance.where() + "): use one of "
          + governance.allowedAgentTypes());
    }
    List<String> capabilities = new ArrayList<>(new LinkedHashSet<>(
        request.capabilities() == null ? List.of() : request.capabilities()));
    for (String capability : capabilities) {
      if (capability == null || !CAPABILITY.matcher(capability).matches()) {
        throw new UnprocessableException("capability '" + capability + "' is not valid: use "
            + "lower-case words joined by '_', e.g. code_generation");
      }
    }
    ObjectNode config = request.config() == null ? RegistryJson.JSON.createObjectNode()
        : request.config().deepCopy();
    JsonNode model = config.get("model");
    if (model != null && !model.isNull() && (!model.isTextual() || model.asText().isBlank())) {
      throw new UnprocessableException("config.model must be a model name from the catalogue");
    }
    // an agent's model is used by every node it runs: a typo is refused here, not at run time
    java.util.Set<String> known = models.names();
    if (model != null && model.isTextual() && !known.isEmpty()
        && !known.contains(model.asText())) {
      throw new UnprocessableException("unknown model '" + model.asText() + "': use one of "
          + new TreeSet<>(known) + " or add it under baton.llm.models");
    }
    JsonNode temperature = config.get("temperature");
    if (temperature != null && (!temperature.isNumber() || temperature.asDouble() < 0
        || temperature.asDouble() > 2)) {
      throw new UnprocessableException("config.temperature must be a number from 0 to 2");
    }
    JsonNode maxTokens = config.get("max_tokens");
    if (maxTokens != null && (!maxTokens.canConvertToExactIntegral() || maxTokens.asLong() < 1)) {
      throw new UnprocessableException("config.max_tokens must be an integer > 0");
    }
    for (String limit : List.of("max_model_calls", "max_tool_calls")) {
      JsonNode value = config.get(limit);
      if (value != null && (!value.canConvertToExactIntegral() || value.asLong() < 1)) {
        throw new UnprocessableException("config." + limit + " must be an integer > 0");
      }
    }
    List<String> toolSlugs = new ArrayList<>();
    JsonNode tools = config.remove("tools");
    if (tools != null && !tools.isNull()) {
      if (!tools.isArray()) {
        throw new UnprocessableException("config.tools must be an array of tool slugs");
      }
      for (int i = 0; i < tools.size(); i++) {
        tool(tools.get(i).asText(), "config.tools[" + i + "]");
        toolSlugs.add(tools.get(i).asText());
      }
    }
    // the columns' sizes: refused with a reason rather than failing in the database
    if (capabilities.size() > 50 || RegistryJson.write(capabilities).length() > 4000) {
      throw new UnprocessableException("too many capabilities (at most 50, 4000 characters)");
    }
    if (RegistryJson.write(config).length() > 8000) {
      throw new UnprocessableException("config is too large (at most 8000 characters as JSON)");
    }
    if (request.title() != null && request.title().length() > 200) {
      throw new UnprocessableException("title is too long (at most 200 characters)");
    }
    String title = request.title() == null || request.title().isBlank()
        ? (request.slug() == null ? request.type() : request.slug()) : request.title();
    return new Checked(title, request.type(), capabilities, config, toolSlugs,
        request.enabled() == null || request.enabled());
  }

  /** Makes the agent's assignments the given tools: new ones get scope read, others stay. */
  private void syncTools(Agent agent, List<String> slugs, boolean removeOthers) {
    Set<Long> wanted = new LinkedHashSet<>();
    for (String slug : slugs) {
      Tool tool = tool(slug, "config.tools");
      wanted.add(tool.id());
      if (assignments.findByAgentIdAndToolId(agent.id(), tool.id()).isEmpty()) {
        assignments.saveAndFlush(new AgentTool(agent.id(), tool.id(), List.of("read"), null,
            clock.instant()));
      }
    }
    if (removeOthers) {
      assignments.findByAgentIdOrderByIdAsc(agent.id()).stream()
          .filter(a -> !wanted.contains(a.toolId()))
          .forEach(assignments::delete);
    }
  }

  /** An agent the caller sees; another tenant's agent is as absent as one that never was. */
  private Agent find(Caller caller, String idOrSlug) {
    return (idOrSlug.matches("\\d+") ? agents.findById(Long.valueOf(idOrSlug))
        : agents.findBySlug(idOrSlug))
        .filter(a -> caller.sees(a.tenantId()))
        .orElseThrow(() -> new NotFoundException("no agent '" + idOrSlug + "'; GET /api/agents "
            + "lists them"));
  }

  /** Shared agents serve every tenant: only administrators change them. */
  private Agent changeable(Caller caller, String idOrSlug) {
    Agent agent = find(caller, idOrSlug);
    if (agent.tenantId() == null && !caller.isAdmin()) {
      throw new ForbiddenException("agent '" + agent.slug() + "' is shared with every tenant; "
          + "only an administrator may change it. Register your own agent instead");
    }
    return agent;
  }

  private Tool tool(String idOrSlug, String where) {
    return (idOrSlug.matches("\\d+") ? tools.findById(Long.valueOf(idOrSlug))
        : tools.findBySlug(idOrSlug))
        .orElseThrow(() -> new UnprocessableException("unknown tool '" + idOrSlug + "' at "
            + where + "; GET /api/tools lists the tools (one per connector in connectors/)"));
  }

  private AgentProfile view(Agent agent) {
    List<AgentProfile.Grant> grants = new ArrayList<>();
    for (AgentTool assignment : assignments.findByAgentIdOrderByIdAsc(agent.id())) {
      tools.findById(assignment.toolId())
          .ifPresent(t -> grants.add(new AgentProfile.Grant(t.slug(), assignment.scopes())));
    }
    return AgentProfile.of(agent, grants);
  }
}
