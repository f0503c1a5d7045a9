package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agent task outcomes: timeout_ms (with and without a timeout edge) and failure edges. */
class AgentOutcomeProcessTest extends ProcessTestSupport {

  private Date begin;

  @BeforeEach
  void freezeClock() {
    begin = new Date(ClockUtil.getCurrentTime().getTime() / 1000 * 1000);
    ClockUtil.setCurrentTime(begin);
  }

  private void advance(Duration by) {
    ClockUtil.setCurrentTime(new Date(begin.getTime() + by.toMillis()));
  }

  @Test
  void timerFollowsTheTimeoutEdge() {
    String key = baton.deploy(ProcessTestEngine.testSpec("agent-timeout-edge"));
    ProcessInstance run = baton.start(key);
    assertThat(run).isWaitingAtExactly("work");
    assertThat(baton.job(run, "work__timeout").getDuedate())
        .isEqualTo(new Date(begin.getTime() + 60_000));

    advance(Duration.ofSeconds(61));
    baton.executeJob(run, "work__timeout");

    assertThat(run).hasPassed("work__timeout", "escalate__budget").hasNotPassed("publish")
        .isWaitingAtExactly("escalate");
    // the interrupting timer cancelled the agent task
    assertThat(baton.openAgentTasks(run)).containsExactly("escalate");
    baton.completeAgent(run, "escalate", "\"paged the on-call\"");
    assertThat(run).isEnded().hasPassed("escalate__end");
    assertThat(baton.variable(run, "baton_outcome")).isNull();
  }

  @Test
  void agentFinishingInTimeCancelsTheTimer() {
    String key = baton.deploy(ProcessTestEngine.testSpec("agent-timeout-edge"));
    ProcessInstance run = baton.start(key);

    baton.completeAgent(run, "work", "{\"done\":true}");

    assertThat(run).isWaitingAtExactly("publish").hasNotPassed("work__timeout", "escalate");
    assertThat(baton.jobs(run)).isEmpty();
    baton.completeAgent(run, "publish", "{}");
    assertThat(run).isEnded().hasPassed("publish__end");
  }

  @Test
  void failureEdgeRoutesAnAgentFailure() {
    String key = baton.deploy(ProcessTestEngine.sample("guarded-release"));
    ProcessInstance run = baton.start(key, "{\"environment\":\"production\"}");
    assertThat(run).isWaitingAtExactly("build");

    baton.failAgent(run, "build", "compiler crashed");

    assertThat(run).hasPassed("build__failed").hasNotPassed("qa")
        .isWaitingAtExactly("notify_failure");
    baton.completeAgent(run, "notify_failure", "{\"sent\":true}");
    assertThat(run).isEnded().hasPassed("notify_failure__end");
  }

  @Test
  void timeoutWithoutTimeoutEdgeFollowsTheFailureEdge() {
    String key = baton.deploy(ProcessTestEngine.sample("guarded-release"));
    ProcessInstance run = baton.start(key, "{}");
    assertThat(run).isWaitingAtExactly("build");

    advance(Duration.ofMinutes(11));
    baton.executeJob(run, "build__timeout");

    assertThat(run).hasPassed("build__timeout").hasNotPassed("build__failed", "qa")
        .isWaitingAtExactly("notify_failure");
  }

  @Test
  void timeoutWithoutAnyEdgeFailsTheRun() {
    String key = baton.deploy(ProcessTestEngine.sample("research-fan-out"));
    ProcessInstance run = baton.start(key, "{}");
    baton.completeAgent(run, "scope", "{}");
    for (String branch : new String[] {"cost", "market", "tech"}) {
      baton.completeAgent(run, branch, "{}");
    }
    baton.executeJobs(run, "report__join");
    assertThat(run).isWaitingAtExactly("report");

    advance(Duration.ofMinutes(11));
    baton.executeJob(run, "report__timeout");

    assertThat(run).isEnded().hasPassed("report__timed_out").hasNotPassed("report__end");
    assertThat(baton.variable(run, "baton_outcome")).isEqualTo("failed");
    assertThat(baton.variable(run, "baton_failed_node")).isEqualTo("report");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .contains("Write the report").contains("600000 ms");
  }
}
