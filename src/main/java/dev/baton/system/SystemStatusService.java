package dev.baton.system;

import dev.baton.budget.BudgetService;
import dev.baton.llm.LlmProperties;
import dev.baton.security.Caller;
import dev.baton.security.EngineIdentity;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Puts {@link SystemStatus} together for a caller: counts of runs and tasks through Camunda as
 * that caller (authorizations and tenants apply), the budgets of their tenants, and for the
 * platform itself (nodes, queue, providers) what every operator may know.
 */
@Service
class SystemStatusService {

  /** A node is listed when its heartbeat is at most this old. */
  static final Duration SEEN = Duration.ofMinutes(1);

  private final JdbcTemplate jdbc;
  private final EngineIdentity engine;
  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final TaskService tasks;
  private final ExternalTaskService externalTasks;
  private final ManagementService management;
  private final BudgetService budgets;
  private final LlmProperties llm;
  private final CircuitBreakerRegistry breakers;

  SystemStatusService(JdbcTemplate jdbc, EngineIdentity engine, RepositoryService repository,
      RuntimeService runtime, HistoryService history, TaskService tasks,
      ExternalTaskService externalTasks, ManagementService management, BudgetService budgets,
      LlmProperties llm, CircuitBreakerRegistry breakers) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.repository = repository;
    this.runtime = runtime;
    this.history = history;
    this.tasks = tasks;
    this.externalTasks = externalTasks;
    this.management = management;
    this.budgets = budgets;
    this.llm = llm;
    this.breakers = breakers;
  }

  public SystemStatus status(Caller caller) {
    Instant now = Instant.now();
    Date today = Date.from(LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC)
        .toInstant());
    long workflows = engine.as(caller, () -> repository.createProcessDefinitionQuery()
        .latestVersion().count());
    long approvals = approvalsPending(caller); // Baton's own count, not the caller's query
    SystemStatus.Monitoring monitoring = engine.as(caller, () -> new SystemStatus.Monitoring(
        runtime.createProcessInstanceQuery().active().count(),
        approvals,
        history.createHistoricProcessInstanceQuery().unfinished().withIncidents().count(),
        history.createHistoricProcessInstanceQuery().startedAfter(today).count(),
        history.createHistoricProcessInstanceQuery().finishedAfter(today).count()));
    SystemStatus.Queue queue = new SystemStatus.Queue(
        externalTasks.createExternalTaskQuery().notLocked().active().count(),
        externalTasks.createExternalTaskQuery().locked().count(),
        management.createJobQuery().executable().count());
    return new SystemStatus(now, new SystemStatus.Engine(true, workflows, nodes(now)),
        monitoring, queue, providers(), cost(caller, today));
  }

  /**
   * Open human tasks of the caller's tenants: a count, whoever may decide them (an operator
   * wants to see approvals pile up, not only those they could decide).
   */
  private long approvalsPending(Caller caller) {
    var query = tasks.createTaskQuery().active();
    if (!caller.isAdmin()) {
      query.tenantIdIn(caller.tenants().toArray(String[]::new));
    }
    return query.count();
  }

  private List<SystemStatus.Node> nodes(Instant now) {
    return jdbc.query("SELECT node_id, role, started_at, last_seen FROM baton_node "
            + "WHERE last_seen >= ? ORDER BY role, node_id",
        (rs, i) -> new SystemStatus.Node(rs.getString(1), rs.getString(2),
            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()),
        Timestamp.from(now.minus(SEEN)));
  }

  private List<SystemStatus.ProviderLimits> providers() {
    Map<String, LlmProperties.Model> models = new TreeMap<>(llm.models());
    List<SystemStatus.ProviderLimits> limits = new ArrayList<>();
    models.forEach((name, model) -> {
      String providerName = model.provider() == null ? "simulated" : model.provider();
      LlmProperties.Provider provider = llm.providers().get(providerName);
      LlmProperties.Limits own = model.limits() != null ? model.limits()
          : provider == null ? null : provider.limits();
      CircuitBreaker breaker = breakers.find("model." + name).orElse(null);
      limits.add(new SystemStatus.ProviderLimits(name, providerName,
          own == null ? null : own.requestsPerMinute(),
          own == null ? null : own.tokensPerMinute(),
          own == null ? null : own.maxConcurrent(),
          breaker == null ? "none" : breaker.getState().name().toLowerCase(Locale.ROOT),
          breaker == null ? null : breaker.getMetrics().getFailureRate()));
    });
    return limits;
  }

  private SystemStatus.CostTracking cost(Caller caller, Date today) {
    List<BudgetService.BudgetView> visible = budgets.list(caller);
    // the ledger of the caller's tenants only (an administrator's: all of it)
    String where = caller.isAdmin() ? "" : " AND tenant_id IN (" + String.join(",",
        caller.tenants().stream().map(t -> "?").toList()) + ")";
    List<Object> arguments = new ArrayList<>();
    arguments.add(new Timestamp(today.getTime()));
    if (!caller.isAdmin()) {
      if (caller.tenants().isEmpty()) {
        return new SystemStatus.CostTracking(BigDecimal.ZERO, 0, visible);
      }
      arguments.addAll(caller.tenants());
    }
    return jdbc.queryForObject("SELECT COALESCE(SUM(cost_usd), 0), "
            + "COALESCE(SUM(input_tokens + output_tokens), 0) FROM baton_cost_ledger "
            + "WHERE recorded_at >= ?" + where,
        (rs, i) -> new SystemStatus.CostTracking(rs.getBigDecimal(1), rs.getLong(2), visible),
        arguments.toArray());
  }
}
