package dev.baton.registry;

import dev.baton.connector.ConnectorDefinition;
import dev.baton.connector.Connectors;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the default agents, a tool per connector definition that has operations, and the
 * defaults' tool assignments into the registry when they are missing. Each insert is its own
 * transaction and the slugs are unique in the database, so engine nodes starting together on
 * one database race harmlessly: the loser's insert fails and is ignored. Runs before the first
 * read of the registry (start-up deployment matches agents), once per JVM.
 */
@Component
class RegistrySeeder {

  private static final Logger log = LoggerFactory.getLogger(RegistrySeeder.class);

  private final AgentRepository agents;
  private final ToolRepository tools;
  private final AgentToolRepository assignments;
  private final Connectors connectors;
  private final TransactionTemplate separate;
  private final Clock clock = Clock.systemUTC();
  private volatile boolean seeded;

  RegistrySeeder(AgentRepository agents, ToolRepository tools, AgentToolRepository assignments,
      Connectors connectors, PlatformTransactionManager transactions) {
    this.agents = agents;
    this.tools = tools;
    this.assignments = assignments;
    this.connectors = connectors;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @EventListener
  @Order(0)
  public void onStarted(ApplicationStartedEvent event) {
    ensureSeeded();
  }

  void ensureSeeded() {
    if (seeded) {
      return;
    }
    synchronized (this) {
      if (!seeded) {
        seed();
        seeded = true;
      }
    }
  }

  private void seed() {
    int added = 0;
    java.util.Set<String> newTools = new java.util.HashSet<>();
    for (ConnectorDefinition connector : connectors.tools()) {
      int tool = once(() -> tools.findBySlug(connector.name()).isEmpty()
          && tools.saveAndFlush(new Tool(connector.name(), connector.title(),
              connector.category(), connector.name(), "{}", connector.authRequired(),
              connector.rateLimitPerHour(), connector.costPerUseUsd(), clock.instant())) != null);
      if (tool > 0) {
        newTools.add(connector.name());
      }
      added += tool;
    }
    for (DefaultAgents.Default d : DefaultAgents.ALL) {
      added += once(() -> {
        if (agents.findBySlug(d.slug()).isPresent()) {
          return false;
        }
        Agent agent = new Agent(d.slug(), true, null, clock.instant());
        agent.apply(d.title() + " (default)", d.type(), RegistryJson.write(d.capabilities()),
            RegistryJson.write(Map.of("temperature", d.temperature())), true, clock.instant());
        Agent saved = agents.saveAndFlush(agent);
        d.tools().forEach((slug, scopes) -> tools.findBySlug(slug).ifPresent(tool ->
            assignments.saveAndFlush(new AgentTool(saved.id(), tool.id(), scopes, null,
                clock.instant()))));
        return true;
      });
    }
    // a tool shipped after the defaults were seeded (git, github) goes to the built-in defaults
    // that list it, once: when the tool itself is new, so an operator's removal stays removed
    for (DefaultAgents.Default d : DefaultAgents.ALL) {
      d.tools().forEach((slug, scopes) -> {
        if (newTools.contains(slug)) {
          once(() -> agents.findBySlug(d.slug()).filter(Agent::builtIn).flatMap(agent ->
              tools.findBySlug(slug).filter(t -> assignments.findByAgentIdAndToolId(agent.id(),
                  t.id()).isEmpty()).map(t -> assignments.saveAndFlush(new AgentTool(agent.id(),
                      t.id(), scopes, null, clock.instant())))).isPresent());
        }
      });
    }
    if (added > 0) {
      log.info("Agent registry: added {} default agent(s) and tool(s)", added);
    }
  }

  /** Runs one insert in its own transaction; another node's concurrent insert wins quietly. */
  private int once(java.util.function.BooleanSupplier insert) {
    try {
      return Boolean.TRUE.equals(separate.execute(status -> insert.getAsBoolean())) ? 1 : 0;
    } catch (DataIntegrityViolationException e) {
      return 0;
    }
  }
}
