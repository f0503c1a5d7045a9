package dev.baton.run;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the links between runs that {@link ChildRuns} wrote: a run's parent and children. */
@Component
class RunLinks {

  /** A child as its parent's status lists it. */
  record Link(String runId, String workflowId, int depth, String parentNodeId) {}

  private final JdbcTemplate jdbc;

  RunLinks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The children a run started, oldest first. */
  List<Link> children(String parentRunId) {
    return jdbc.query("SELECT child_run_id, workflow_id, depth, parent_node_id FROM "
            + "baton_run_link WHERE parent_run_id = ? ORDER BY created_at, child_run_id",
        (rs, row) -> new Link(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
        parentRunId);
  }

  /** The run that started this one, if an agent's tool did. */
  Optional<String> parentOf(String runId) {
    return jdbc.queryForList("SELECT parent_run_id FROM baton_run_link WHERE child_run_id = ?",
        String.class, runId).stream().findFirst();
  }
}
