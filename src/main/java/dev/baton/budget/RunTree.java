package dev.baton.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The budget's view of run trees ({@code baton_run_link}, {@code baton_run_ancestor}, written
 * by {@code run.ChildRuns}): a run's parent and ancestors with their budgets in force. Read
 * with plain SQL, so the budget depends on no package that starts runs.
 */
final class RunTree {

  /** An ancestor of a run, with its budget in force (null when it has no row). */
  record Ancestor(String runId, int distance, BigDecimal budgetUsd) {}

  private final JdbcTemplate jdbc;

  RunTree(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> parentOf(String runId) {
    return jdbc.queryForList("SELECT parent_run_id FROM baton_run_link WHERE child_run_id = ?",
        String.class, runId).stream().findFirst();
  }

  /** The run's parent, grandparent ... nearest first; empty for a run no agent started. */
  List<Ancestor> ancestors(String runId) {
    return jdbc.query("SELECT a.ancestor_run_id, a.distance, b.budget_usd "
            + "FROM baton_run_ancestor a LEFT JOIN baton_run_budget b "
            + "ON b.run_id = a.ancestor_run_id WHERE a.run_id = ? ORDER BY a.distance",
        (rs, row) -> new Ancestor(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3)), runId);
  }

  /** What the run and its descendants spent, from the ledger. */
  BigDecimal spentWithDescendants(String runId) {
    BigDecimal sum = jdbc.queryForObject("SELECT (SELECT COALESCE(SUM(cost_usd), 0) FROM "
        + "baton_cost_ledger WHERE run_id = ?) + (SELECT COALESCE(SUM(l.cost_usd), 0) FROM "
        + "baton_run_ancestor a JOIN baton_cost_ledger l ON l.run_id = a.run_id "
        + "WHERE a.ancestor_run_id = ?)", BigDecimal.class, runId, runId);
    return sum == null ? BigDecimal.ZERO : sum;
  }

  /** What the run's budget account holds (its and its descendants' spend and reservations). */
  BigDecimal committed(String runId) {
    List<BigDecimal> rows = jdbc.queryForList("SELECT committed_usd FROM baton_budget_account "
        + "WHERE scope_key = ?", BigDecimal.class, "run:" + runId);
    return rows.isEmpty() ? BigDecimal.ZERO : rows.get(0);
  }

  /**
   * A retry restarted a child run as a new run: the new one keeps the old one's place in the
   * tree (parent, ancestors, depth), so its spending still counts against its ancestors. It is
   * no new start by an agent: the parent's and the tree's counts do not change.
   */
  void carryOver(String fromRunId, String toRunId) {
    int linked = jdbc.update("INSERT INTO baton_run_link (child_run_id, parent_run_id, "
            + "root_run_id, depth, workflow_id, parent_node_id, parent_task_id, request_key, "
            + "created_at) SELECT ?, parent_run_id, root_run_id, depth, workflow_id, "
            + "parent_node_id, parent_task_id, ?, CURRENT_TIMESTAMP FROM baton_run_link "
            + "WHERE child_run_id = ? AND NOT EXISTS (SELECT 1 FROM baton_run_link "
            + "WHERE child_run_id = ?)", toRunId, "restart:" + toRunId, fromRunId, toRunId);
    if (linked == 0) {
      return; // not a child, or carried over already
    }
    jdbc.update("INSERT INTO baton_run_ancestor (run_id, ancestor_run_id, distance) "
        + "SELECT ?, ancestor_run_id, distance FROM baton_run_ancestor WHERE run_id = ?",
        toRunId, fromRunId);
    jdbc.update("INSERT INTO baton_run_family (run_id, root_run_id, depth, children, "
        + "descendants) SELECT ?, root_run_id, depth, 0, 0 FROM baton_run_family "
        + "WHERE run_id = ?", toRunId, fromRunId);
  }
}
