package dev.baton.budget;

import dev.baton.BatonProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The budget in force for each run ({@code baton_run_budget}, Flyway V9), kept where a caller
 * cannot write it: set once when the run starts, from the workflow's spec and the budgets
 * configuration, and raised only by an approved budget override. A process variable a caller
 * passes or changes ({@code baton_budget_usd}) is a display copy that nothing reads.
 */
@Component
public class RunBudgets {

  /** Where a run's budget came from. */
  public static final String SPEC = "spec";
  public static final String WORKFLOW_BUDGET = "workflow_budget";
  public static final String DEFAULT = "default";
  public static final String RETRIED = "retried";
  /** Capped at what the parent run had left (a child run started by an agent). */
  public static final String PARENT = "parent";

  /** A raise, with the budget before and after it. */
  public record Raise(BigDecimal before, BigDecimal after) {}

  private final JdbcTemplate jdbc;
  private final RunTree tree;
  private final BigDecimal defaultPerRun;
  private final Clock clock = Clock.systemUTC();

  @Autowired
  RunBudgets(JdbcTemplate jdbc, BatonProperties properties) {
    this(jdbc, properties.budget().defaultPerRunUsd());
  }

  public RunBudgets(JdbcTemplate jdbc, BigDecimal defaultPerRun) {
    this.jdbc = jdbc;
    this.tree = new RunTree(jdbc);
    this.defaultPerRun = defaultPerRun;
  }

  /**
   * Sets the run's budget when it starts, unless it has one already (a repeated start
   * listener, a retried run that carried its budget over): the spec's {@code budget_usd}, else
   * the workflow budget's {@code per_run_usd}, else the configured default; for a child run
   * (started by an agent) at most what its parent has left ({@link ChildBudget}).
   *
   * @param specBudget the spec's {@code metadata.budget_usd} as compiled into the BPMN, or null
   * @return the budget in force
   */
  public BigDecimal initialise(String runId, String workflowId, String tenantId,
      BigDecimal specBudget) {
    Optional<BigDecimal> existing = of(runId);
    if (existing.isPresent()) {
      return existing.get();
    }
    BigDecimal budget = specBudget;
    String source = SPEC;
    if (budget == null) {
      budget = workflowPerRun(workflowId).orElse(null);
      source = WORKFLOW_BUDGET;
    }
    if (budget == null) {
      budget = defaultPerRun;
      source = DEFAULT;
    }
    // a child run: never more than its parent has left
    Optional<String> parent = tree.parentOf(runId);
    if (parent.isPresent()) {
      BigDecimal capped = ChildBudget.cap(budget, of(parent.get()).orElse(defaultPerRun),
          tree.spentWithDescendants(parent.get()), tree.committed(parent.get()));
      if (capped.compareTo(budget) < 0) {
        budget = capped;
        source = PARENT;
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    jdbc.update("INSERT INTO baton_run_budget (run_id, workflow_id, tenant_id, budget_usd, "
            + "source, raised_usd, created_at, updated_at) SELECT ?, ?, ?, ?, ?, 0, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM baton_run_budget WHERE run_id = ?)",
        runId, workflowId, tenantId, budget, source, now, now, runId);
    return of(runId).orElse(budget);
  }

  /** The run's budget, or empty for a run Baton's start listener never saw. */
  public Optional<BigDecimal> of(String runId) {
    List<BigDecimal> rows = jdbc.queryForList(
        "SELECT budget_usd FROM baton_run_budget WHERE run_id = ?", BigDecimal.class, runId);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /**
   * Raises the run's budget by {@code by} (an approved budget override). The row is locked
   * while it changes; a run without a row gets one from what applied to it so far.
   */
  public Raise raise(String runId, String workflowId, String tenantId, BigDecimal by) {
    if (of(runId).isEmpty()) {
      initialise(runId, workflowId, tenantId, null);
    }
    BigDecimal before = jdbc.queryForObject(
        "SELECT budget_usd FROM baton_run_budget WHERE run_id = ? FOR UPDATE", BigDecimal.class,
        runId);
    BigDecimal after = before.add(by);
    jdbc.update("UPDATE baton_run_budget SET budget_usd = ?, raised_usd = raised_usd + ?, "
            + "updated_at = ? WHERE run_id = ?", after, by,
        OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)), runId);
    return new Raise(before, after);
  }

  /**
   * A retry restarted {@code fromRunId} as {@code toRunId}: the new run continues under the
   * budget the old one had (raises included), as it continues with its variables; a child run
   * keeps its place in its run tree (its spending still counts against its ancestors).
   */
  public void carryOver(String fromRunId, String toRunId) {
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    jdbc.update("INSERT INTO baton_run_budget (run_id, workflow_id, tenant_id, budget_usd, "
            + "source, raised_usd, created_at, updated_at) SELECT ?, workflow_id, tenant_id, "
            + "budget_usd, ?, raised_usd, ?, ? FROM baton_run_budget WHERE run_id = ? "
            + "AND NOT EXISTS (SELECT 1 FROM baton_run_budget WHERE run_id = ?)",
        toRunId, RETRIED, now, now, fromRunId, toRunId);
    tree.carryOver(fromRunId, toRunId);
  }

  private Optional<BigDecimal> workflowPerRun(String workflowId) {
    List<BigDecimal> rows = jdbc.queryForList(
        "SELECT per_run_usd FROM baton_budget WHERE workflow_id = ?", BigDecimal.class,
        workflowId);
    return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of(rows.get(0));
  }
}
