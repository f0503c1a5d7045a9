package dev.baton.it;

import dev.baton.support.Poll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to the runs of one workflow, read straight from Camunda's history tables and
 * Baton's ledger on the shared database: runs started, completed and lost; nodes executed more
 * than once; tasks completed twice; calls paid twice; and who did the work (jobs per engine
 * node from {@code ACT_HI_JOB_LOG.HOSTNAME_}, which Camunda fills with {@code baton.node-id};
 * completed agent tasks per worker from {@code ACT_HI_EXT_TASK_LOG.WORKER_ID_}).
 */
record RunAudit(
    int started,
    int completed,
    int lost,
    int nodesRunTwice,
    int tasksCompletedTwice,
    int callsPaidTwice,
    int callsAfterJournal,
    int approvalsDone,
    Map<String, Integer> jobsPerNode,
    Map<String, Integer> tasksPerWorker) {

  /** Work done twice that Baton promises never to do twice. */
  int duplicates() {
    return nodesRunTwice + tasksCompletedTwice + callsAfterJournal;
  }

  static RunAudit of(String jdbcUrl, String processKey) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, ClusterDatabases.user(),
        ClusterDatabases.password())) {
      int started = count(c, "select count(*) from act_hi_procinst where proc_def_key_ = ?",
          processKey);
      int completed = completed(c, processKey);
      int nodesTwice = count(c, "select count(*) from (select proc_inst_id_, act_id_ "
          + "from act_hi_actinst where proc_def_key_ = ? and act_type_ in "
          + "('serviceTask', 'userTask') group by proc_inst_id_, act_id_ "
          + "having count(*) > 1) d", processKey);
      int completedTwice = count(c, "select count(*) from (select ext_task_id_ "
          + "from act_hi_ext_task_log where proc_def_key_ = ? and state_ = 2 "
          + "group by ext_task_id_ having count(*) > 1) d", processKey);
      int paidTwice = count(c, "select count(*) from (select task_id from baton_cost_ledger "
          + "where workflow_id = ? and tool is null group by task_id having count(*) > 1) d",
          processKey);
      // a model call made for a task whose reply was already in the reply journal: what the
      // journal exists to prevent. (A second call after a kill in the milliseconds between a
      // reply and its journal entry is counted in callsPaidTwice only.)
      int afterJournal = count(c, "select count(*) from baton_cost_ledger l join "
          + "baton_reply_journal j on j.task_id = l.task_id where l.workflow_id = ? "
          + "and l.tool is null and l.recorded_at > j.recorded_at", processKey);
      int approvals = count(c, "select count(*) from act_hi_actinst where proc_def_key_ = ? "
          + "and act_type_ = 'userTask' and end_time_ is not null", processKey);
      return new RunAudit(started, completed, started - completed, nodesTwice,
          completedTwice, paidTwice, afterJournal, approvals,
          grouped(c, "select hostname_, count(*) from act_hi_job_log where "
              + "process_def_key_ = ? and job_state_ = 2 group by hostname_", processKey),
          grouped(c, "select worker_id_, count(*) from act_hi_ext_task_log where "
              + "proc_def_key_ = ? and state_ = 2 group by worker_id_", processKey));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static int completed(String jdbcUrl, String processKey) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, ClusterDatabases.user(),
        ClusterDatabases.password())) {
      return completed(c, processKey);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static int completed(Connection c, String processKey) throws SQLException {
    return count(c, "select count(*) from act_hi_procinst where proc_def_key_ = ? "
        + "and state_ = 'COMPLETED'", processKey);
  }

  /** Total successful agent-task completions, e.g. to wait until work is under way. */
  static int agentTasksDone(String jdbcUrl, String processKey) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, ClusterDatabases.user(),
        ClusterDatabases.password())) {
      return count(c, "select count(*) from act_hi_ext_task_log where proc_def_key_ = ? "
          + "and state_ = 2", processKey);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Waits (2 min at most) until {@code atLeast} agent tasks are done; else fails with a report. */
  static void awaitAgentTasksDone(String jdbcUrl, String processKey, int atLeast) {
    Poll.until(atLeast + " agent tasks done", Duration.ofMinutes(2), Duration.ofMillis(100),
        () -> agentTasksDone(jdbcUrl, processKey) >= atLeast,
        () -> of(jdbcUrl, processKey).report("wait"));
  }

  String report(String test) {
    return "[" + test + "] runs started " + started + ", completed " + completed + ", lost "
        + lost + ", duplicates " + duplicates() + " (nodes run twice " + nodesRunTwice
        + ", tasks completed twice " + tasksCompletedTwice + ", calls made after their reply "
        + "was journalled " + callsAfterJournal + "), tasks with two paid calls "
        + callsPaidTwice + ", approvals done " + approvalsDone + "; jobs per engine node "
        + jobsPerNode + "; agent tasks per worker " + tasksPerWorker;
  }

  private static int count(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static Map<String, Integer> grouped(Connection c, String sql, String key)
      throws SQLException {
    Map<String, Integer> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String who = String.valueOf(r.getString(1));
          // worker ids are <node-id>-<random>: group by the node
          int dash = who.lastIndexOf('-');
          String node = who.startsWith("worker-") && dash > "worker-".length()
              ? who.substring(0, dash) : who;
          out.merge(node, r.getInt(2), Integer::sum);
        }
      }
    }
    return out;
  }
}
