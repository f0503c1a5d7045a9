package dev.baton.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.BatonProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of every gate and budget-override action ({@code baton_gate_decision}, Flyway
 * V8): what the gate's rules, the run status and a rejection's reason read. Written only by
 * Baton's listeners, in the engine's transaction; users of {@code /engine-rest} or Cockpit can
 * change process variables but not this table.
 */
@Component
public class GateDecisions {

  /** A person's decision (the user is {@code decided_by}). */
  public static final String DECIDED = "decided";
  /** An escalation level reached (by the system). */
  public static final String ESCALATED = "escalated";
  /** No decision in time: the system decided (by the gate's default). */
  public static final String TIMED_OUT = "timed_out";

  /** The system's name in {@code decided_by}; the rules go by {@code action}, never by it. */
  public static final String SYSTEM = "system";

  /**
   * One entry.
   *
   * @param nodeId the spec node whose audit trail shows it (the gate; an override's agent node)
   * @param taskKey the user task (the gate's id, or {@code <node>__override})
   * @param taskId the Camunda task decided, or null for escalations and timeouts
   * @param entry the entry as the run status shows it
   */
  public record Entry(String runId, String tenantId, String nodeId, String taskKey,
      String taskId, String action, String decision, String outcome, String decidedBy,
      Instant decidedAt, int escalationLevel, ObjectNode entry) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final String defaultTenant;

  @Autowired
  GateDecisions(JdbcTemplate jdbc, BatonProperties properties) {
    this(jdbc, properties.tenantId());
  }

  public GateDecisions(JdbcTemplate jdbc, String defaultTenant) {
    this.jdbc = jdbc;
    this.defaultTenant = defaultTenant;
  }

  public void record(Entry e) {
    jdbc.update("INSERT INTO baton_gate_decision (run_id, tenant_id, node_id, task_key, task_id, "
            + "action, decision, outcome, decided_by, decided_at, escalation_level, entry) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.runId(), e.tenantId() == null ? defaultTenant : e.tenantId(), e.nodeId(), e.taskKey(),
        e.taskId(), e.action(), e.decision(), e.outcome(), e.decidedBy(),
        OffsetDateTime.ofInstant(e.decidedAt(), ZoneOffset.UTC), e.escalationLevel(),
        e.entry().toString());
  }

  /** The tenant an entry of a run without a Camunda tenant belongs to. */
  public String tenantOr(String tenantId) {
    return tenantId == null ? defaultTenant : tenantId;
  }

  /** Who approved the gate so far in this run (a request for changes does not count). */
  public List<String> approvers(String runId, String taskKey) {
    return jdbc.queryForList("SELECT decided_by FROM baton_gate_decision WHERE run_id = ? "
            + "AND task_key = ? AND action = ? AND decision = 'approve' ORDER BY id",
        String.class, runId, taskKey, DECIDED);
  }

  /** How often changes were requested at the gate in this run. */
  public int changeRounds(String runId, String taskKey) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM baton_gate_decision WHERE run_id = ? "
            + "AND task_key = ? AND action = ? AND outcome = 'changes_requested'",
        Integer.class, runId, taskKey, DECIDED);
    return n == null ? 0 : n;
  }

  /** The escalation level the gate reached (0 before the first level). */
  public int escalationLevel(String runId, String taskKey) {
    Integer n = jdbc.queryForObject("SELECT MAX(escalation_level) FROM baton_gate_decision "
        + "WHERE run_id = ? AND task_key = ? AND action = ?", Integer.class, runId, taskKey,
        ESCALATED);
    return n == null ? 0 : n;
  }

  /** The last decision (a person's or a timeout) on a user task of the run. */
  public Optional<JsonNode> latestDecision(String runId, String taskKey) {
    List<String> rows = jdbc.queryForList("SELECT entry FROM baton_gate_decision "
        + "WHERE run_id = ? AND task_key = ? AND action <> ? ORDER BY id DESC", String.class,
        runId, taskKey, ESCALATED);
    return rows.isEmpty() ? Optional.empty() : Optional.of(parse(rows.get(0)));
  }

  /** A run's record, read once for its status. */
  public RunRecord ofRun(String runId) {
    Map<String, ArrayNode> audit = new LinkedHashMap<>();
    Map<String, ObjectNode> latest = new LinkedHashMap<>();
    jdbc.query("SELECT node_id, task_key, action, entry FROM baton_gate_decision "
        + "WHERE run_id = ? ORDER BY id", rs -> {
          ObjectNode entry = (ObjectNode) parse(rs.getString(4));
          audit.computeIfAbsent(rs.getString(1), k -> JSON.createArrayNode()).add(entry);
          if (!ESCALATED.equals(rs.getString(3))) {
            latest.put(rs.getString(2), entry);
          }
        }, runId);
    return new RunRecord(audit, latest);
  }

  /**
   * A run's gate record.
   *
   * @param auditByNode every entry, oldest first, by spec node
   * @param latestByTask the last decision of each user task (gate or override)
   */
  public record RunRecord(Map<String, ArrayNode> auditByNode,
      Map<String, ObjectNode> latestByTask) {

    /** The last decision of a gate as its output shows it (the entry without its outcome). */
    public Optional<ObjectNode> decisionOf(String gateId) {
      ObjectNode entry = latestByTask.get(gateId);
      if (entry == null) {
        return Optional.empty();
      }
      ObjectNode decision = entry.deepCopy();
      decision.remove("outcome");
      decision.remove("action");
      return Optional.of(decision);
    }
  }

  /**
   * A retry restarted {@code fromRunId} as {@code toRunId}: the new run carries the old one's
   * record on (who approved, how many change rounds), as it carries its variables.
   */
  public void carryOver(String fromRunId, String toRunId) {
    jdbc.update("INSERT INTO baton_gate_decision (run_id, tenant_id, node_id, task_key, task_id, "
            + "action, decision, outcome, decided_by, decided_at, escalation_level, entry) "
            + "SELECT ?, tenant_id, node_id, task_key, task_id, action, decision, outcome, "
            + "decided_by, decided_at, escalation_level, entry FROM baton_gate_decision "
            + "WHERE run_id = ? AND NOT EXISTS (SELECT 1 FROM baton_gate_decision "
            + "WHERE run_id = ?) ORDER BY id",
        toRunId, fromRunId, toRunId);
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a gate decision entry is not JSON", e);
    }
  }
}
