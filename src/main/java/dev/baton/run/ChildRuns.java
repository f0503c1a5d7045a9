package dev.baton.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.problem.NotFoundException;
import dev.baton.security.Caller;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs started from inside other runs (an agent's meta-tools): each child is linked to its
 * parent and the root of its tree ({@code baton_run_link}, {@code baton_run_ancestor}), within
 * the tree's limits ({@link TreeLimits}), counted under row locks of {@code baton_run_family}
 * so that parallel branches on any engine node cannot both pass a count. The child is started
 * by {@link RunService#start} as the caller given (the engine checks their rights), in the same
 * transaction as its link: a child never exists unlinked, a refused child never exists at all.
 */
@Service
public class ChildRuns {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The run that starts a child.
   *
   * @param requestKey the same for a replayed request (the tool call of an external task that
   *     is worked again), so that the child it started is found instead of started twice
   */
  public record Parent(String runId, String nodeId, String taskId, String requestKey) {}

  /**
   * A started child.
   *
   * @param alreadyStarted true when the request had started it before (a replay)
   */
  public record Child(String runId, String workflowId, int depth, boolean alreadyStarted) {}

  private final JdbcTemplate jdbc;
  private final RunLinks links;
  private final RunService runs;
  private final HistoryService history;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separate;

  ChildRuns(JdbcTemplate jdbc, RunLinks links, RunService runs, HistoryService history,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.links = links;
    this.runs = runs;
    this.history = history;
    this.transaction = new TransactionTemplate(transactions);
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Starts a run of {@code workflowId} as a child of {@code parent}, as {@code starter}.
   *
   * @throws ChildRunRefusedException when a limit of the tree refuses it
   */
  public Child start(Caller starter, Parent parent, String workflowId, JsonNode input,
      TreeLimits limits) {
    Optional<Child> replayed = find(parent);
    if (replayed.isPresent()) {
      return replayed.get();
    }
    ensureFamily(parent.runId());
    try {
      return transaction.execute(status -> startLocked(starter, parent, workflowId, input,
          limits));
    } catch (DuplicateKeyException e) {
      // the same request, replayed at the same moment on another node, won: its child stands
      return find(parent).orElseThrow(() -> e);
    }
  }

  private Child startLocked(Caller starter, Parent parent, String workflowId, JsonNode input,
      TreeLimits limits) {
    // locks: the parent's row, then the root's (always in that order, so no deadlock)
    Map<String, Object> family = jdbc.queryForMap("SELECT root_run_id, depth, children "
        + "FROM baton_run_family WHERE run_id = ? FOR UPDATE", parent.runId());
    String root = (String) family.get("root_run_id");
    int depth = ((Number) family.get("depth")).intValue();
    int children = ((Number) family.get("children")).intValue();
    int descendants = jdbc.queryForObject("SELECT descendants FROM baton_run_family "
        + "WHERE run_id = ? FOR UPDATE", Integer.class, root);
    // a replay that waited for the lock finds what the first attempt committed meanwhile
    Optional<Child> replayed = find(parent);
    if (replayed.isPresent()) {
      return replayed.get();
    }
    limits.refusal(depth, children, descendants).ifPresent(reason -> {
      throw new ChildRunRefusedException("refused: " + reason);
    });
    jdbc.update("UPDATE baton_run_family SET children = children + 1 WHERE run_id = ?",
        parent.runId());
    jdbc.update("UPDATE baton_run_family SET descendants = descendants + 1 WHERE run_id = ?",
        root);
    ObjectNode note = JSON.createObjectNode().put("parent_run_id", parent.runId())
        .put("parent_node_id", parent.nodeId()).put("root_run_id", root)
        .put("depth", depth + 1);
    RunStarted started = runs.start(starter, workflowId, input, 0, note);
    String child = started.id();
    jdbc.update("INSERT INTO baton_run_link (child_run_id, parent_run_id, root_run_id, depth, "
            + "workflow_id, parent_node_id, parent_task_id, request_key, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", child, parent.runId(), root, depth + 1,
        workflowId, parent.nodeId(), parent.taskId(), parent.requestKey(),
        Timestamp.from(Instant.now()));
    jdbc.update("INSERT INTO baton_run_ancestor (run_id, ancestor_run_id, distance) "
        + "VALUES (?, ?, 1)", child, parent.runId());
    jdbc.update("INSERT INTO baton_run_ancestor (run_id, ancestor_run_id, distance) "
        + "SELECT ?, ancestor_run_id, distance + 1 FROM baton_run_ancestor WHERE run_id = ?",
        child, parent.runId());
    jdbc.update("INSERT INTO baton_run_family (run_id, root_run_id, depth, children, "
        + "descendants) VALUES (?, ?, ?, 0, 0)", child, root, depth + 1);
    return new Child(child, workflowId, depth + 1, false);
  }

  /** A run that starts its first child becomes the root of a tree (unless it is a child). */
  private void ensureFamily(String runId) {
    try {
      separate.executeWithoutResult(status -> jdbc.update("INSERT INTO baton_run_family "
          + "(run_id, root_run_id, depth, children, descendants) SELECT ?, ?, 0, 0, 0 "
          + "WHERE NOT EXISTS (SELECT 1 FROM baton_run_family WHERE run_id = ?)",
          runId, runId, runId));
    } catch (DuplicateKeyException e) {
      // another branch of the run made it at the same moment
    }
  }

  private Optional<Child> find(Parent parent) {
    return jdbc.query("SELECT child_run_id, workflow_id, depth FROM baton_run_link "
            + "WHERE parent_run_id = ? AND request_key = ?",
        (rs, row) -> new Child(rs.getString(1), rs.getString(2), rs.getInt(3), true),
        parent.runId(), parent.requestKey()).stream().findFirst();
  }

  /** The run that started this one, if an agent's tool did. */
  public Optional<String> parentOf(String runId) {
    return links.parentOf(runId);
  }

  /**
   * Who started a run (the person whose rights an agent's meta-tools act with), or null when
   * Baton itself started it.
   *
   * @throws NotFoundException for an unknown run
   */
  public String starterOf(String runId) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(runId).singleResult();
    if (instance == null) {
      throw new NotFoundException("no run '" + runId + "'");
    }
    return instance.getStartUserId();
  }
}
