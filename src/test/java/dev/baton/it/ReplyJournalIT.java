package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.contract.BpmnConventions;
import dev.baton.llm.wire.WireReply;
import dev.baton.support.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Nothing is paid twice: a reply is journalled before its task is completed, and a task that
 * comes back after the model answered completes from the journal. Locks are extended while a
 * call runs longer than the lock.
 */
class ReplyJournalIT extends WireIntegrationTest {

  @Autowired
  ExternalTaskService externalTasks;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  org.camunda.bpm.engine.HistoryService history;

  @Test
  void taskWhoseCompletionFailedAfterTheModelAnsweredIsRetriedWithoutASecondModelCall()
      throws Exception {
    ApiClient api = api();
    CountDownLatch release = new CountDownLatch(1);
    WIRE.script("it-journal", WireReply.text("paid once").heldBy(release));
    String run = api.startRun(ProvidersIT.deploy(api, "wire-journal-flow", "wire-journal",
        false, false), Map.of("task", "x"));

    // the model is answering (held by the server); meanwhile the task's lock goes to another
    // worker, as when a lock expires and the task is fetched elsewhere. The worker has a single
    // slot, busy with this call, so it cannot fetch the task itself in between.
    awaitRequests("it-journal", 1);
    ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(run)
        .topicName(BpmnConventions.AGENT_TOPIC).singleResult();
    externalTasks.unlock(task.getId());
    externalTasks.lock(task.getId(), "another-worker", 1500);
    release.countDown();

    // the answering worker cannot complete (the lock is another's); when that lock expires the
    // task is fetched again and completed from the journal
    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "call").at("/output/output").asText())
        .isEqualTo("paid once");
    assertThat(WIRE.count("it-journal")).as("model calls").isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_cost_ledger WHERE run_id = ? "
        + "AND node_id = 'call'", Long.class, run)).as("ledger entries").isEqualTo(1);
    // the entry is kept once the task completed, marked so, as the run's recording for replay
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_reply_journal WHERE task_id = ? "
        + "AND completed_at IS NOT NULL", Long.class, task.getId())).isEqualTo(1);
    // completed once, by Baton's worker after the other lock expired
    var success = history.createHistoricExternalTaskLogQuery().externalTaskId(task.getId())
        .successLog().list();
    assertThat(success).hasSize(1);
    assertThat(success.get(0).getWorkerId()).isNotEqualTo("another-worker");
  }

  @Test
  void lockIsExtendedWhileACallOutlivesIt() throws Exception {
    ApiClient api = api();
    // the worker's lock is 2 s; the reply takes 5 s
    WIRE.script("it-slow", WireReply.text("slow but sure").after(Duration.ofSeconds(5)));
    String run = api.startRun(ProvidersIT.deploy(api, "wire-slow-flow", "wire-slow", false,
        false), Map.of("task", "x"));
    awaitRequests("it-slow", 1);
    Instant asked = Instant.now();

    // the lock reaches past 3 s after the call started while the call goes on: extended
    // before its 2 s ran out each time, since Camunda refuses to extend an expired lock
    Poll.until("the lock extended past 3 s", Duration.ofSeconds(30), Duration.ofMillis(50),
        () -> {
          ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(run)
              .topicName(BpmnConventions.AGENT_TOPIC).singleResult();
          assertThat(task).as("the agent task, still open while its call runs").isNotNull();
          return task.getLockExpirationTime().after(Date.from(asked.plusSeconds(3)));
        }, () -> "lock of the agent task not extended");

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(WIRE.count("it-slow")).isEqualTo(1);
  }

  private static void awaitRequests(String model, int n) {
    org.awaitility.Awaitility.await("the wire server gets " + n + " request(s) for " + model)
        .atMost(java.time.Duration.ofSeconds(30)).pollDelay(java.time.Duration.ZERO)
        .pollInterval(java.time.Duration.ofMillis(20)).until(() -> WIRE.count(model) >= n);
  }
}
