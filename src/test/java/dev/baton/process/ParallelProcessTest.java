package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.junit.jupiter.api.Test;

/** Branches that run side by side: forks after a node, parallel nodes, several roots, SLA. */
class ParallelProcessTest extends ProcessTestSupport {

  private FlowNode element(String slug, String id) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(
        baton.bpmn(slug).getBytes(StandardCharsets.UTF_8))).getModelElementById(id);
  }

  @Test
  void diamondRunsBAndCTogetherAndEWaitsForCAndD() {
    String key = baton.deploy(ProcessTestEngine.sample("diamond"));
    assertThat(element("diamond", "e__join")).isInstanceOf(ParallelGateway.class);
    ProcessInstance run = baton.start(key, "{}");
    assertThat(run).isWaitingAtExactly("a");

    baton.completeAgent(run, "a", "{}");
    assertThat(run).isWaitingAtExactly("b", "c");
    assertThat(baton.openAgentTasks(run)).containsExactly("b", "c");

    baton.completeAgent(run, "c", "{}");
    // the join is asynchronous: C's token waits as a job in front of it
    assertThat(run).job("e__join").isNotNull();
    assertThat(baton.executeJobs(run, "e__join")).isEqualTo(1);
    assertThat(run).isWaitingAt("b", "e__join").hasNotPassed("e__join", "e__budget", "e");
    assertThat(baton.openAgentTasks(run)).containsExactly("b");

    baton.completeAgent(run, "b", "{}");
    assertThat(run).isWaitingAt("d", "e__join").hasNotPassed("e");
    baton.completeAgent(run, "d", "{}");
    assertThat(baton.executeJobs(run, "e__join")).isEqualTo(1);

    assertThat(run).hasPassed("e__join").isWaitingAtExactly("e");
    baton.completeAgent(run, "e", "{}");
    assertThat(run).isEnded().hasPassed("e__end");
  }

  @Test
  void researchFansOutToThreeBranchesAndReportsAfterAll() {
    String key = baton.deploy(ProcessTestEngine.sample("research-fan-out"));
    assertThat(element("research-fan-out", "fan_out")).isInstanceOf(ParallelGateway.class);
    assertThat(element("research-fan-out", "report__join")).isInstanceOf(ParallelGateway.class);
    ProcessInstance run = baton.start(key, "{\"question\":\"build or buy?\"}");

    baton.completeAgent(run, "scope", "{\"questions\":3}");
    assertThat(run).hasPassed("fan_out").isWaitingAtExactly("cost", "market", "tech");

    baton.completeAgent(run, "market", "{}");
    baton.completeAgent(run, "tech", "{}");
    baton.executeJobs(run, "report__join");
    assertThat(run).isWaitingAt("cost", "report__join").hasNotPassed("report");

    baton.completeAgent(run, "cost", "{}");
    baton.executeJobs(run, "report__join");
    assertThat(run).isWaitingAtExactly("report");
    baton.completeAgent(run, "report", "{}");
    assertThat(run).isEnded().hasPassed("report__end");
  }

  @Test
  void waitForTwoOfThreeContinuesAfterTheSecondBranch() {
    String key = baton.deploy(ProcessTestEngine.testSpec("quorum"));
    assertThat(element("quorum", "summary__quorum"))
        .isInstanceOf(org.camunda.bpm.model.bpmn.instance.ExclusiveGateway.class);
    ProcessInstance run = baton.start(key, "{}");
    baton.completeAgent(run, "scope", "{}");
    assertThat(run).isWaitingAtExactly("web", "papers", "code");

    baton.completeAgent(run, "papers", "{}");
    assertThat(baton.executeJobs(run, "summary__quorum")).isEqualTo(1);
    assertThat(run).hasNotPassed("summary__budget").isWaitingAtExactly("web", "code");

    baton.completeAgent(run, "code", "{}");
    assertThat(baton.executeJobs(run, "summary__quorum")).isEqualTo(1);
    // two of three arrived: the summary runs while the web search is still going
    assertThat(run).hasPassed("summary__budget").isWaitingAtExactly("web", "summary");

    baton.completeAgent(run, "web", "{}");
    assertThat(baton.executeJobs(run, "summary__quorum")).isEqualTo(1);
    assertThat(run).hasPassed("summary__quorum__other").isWaitingAtExactly("summary");
    baton.completeAgent(run, "summary", "{}");
    assertThat(run).isEnded();
    assertThat(historyService().createHistoricActivityInstanceQuery()
        .processInstanceId(run.getId()).activityId("summary").count()).isEqualTo(1);
  }

  @Test
  void severalRootsStartTogether() {
    String key = baton.deploy(ProcessTestEngine.testSpec("two-roots-sla"));
    ProcessInstance run = baton.start(key, "{}");

    assertThat(run).hasPassed("run__split").isWaitingAtExactly("backend", "frontend");
    baton.completeAgent(run, "backend", "{}");
    baton.executeJobs(run, "release__join");
    assertThat(run).hasNotPassed("release");
    baton.completeAgent(run, "frontend", "{}");
    baton.executeJobs(run, "release__join");
    assertThat(run).isWaitingAtExactly("release");
  }

  @Test
  void slaBreachIsRecordedWhileTheRunGoesOn() {
    Date begin = new Date(ClockUtil.getCurrentTime().getTime() / 1000 * 1000);
    ClockUtil.setCurrentTime(begin);
    String key = baton.deploy(ProcessTestEngine.testSpec("two-roots-sla"));
    ProcessInstance run = baton.start(key, "{}");
    assertThat(baton.job(run, "run__sla__start").getDuedate())
        .isEqualTo(new Date(begin.getTime() + 60_000));
    assertThat(baton.variable(run, "baton_sla_breached")).isNull();

    ClockUtil.setCurrentTime(new Date(begin.getTime() + Duration.ofMinutes(2).toMillis()));
    baton.executeJob(run, "run__sla__start");

    assertThat(run).isNotEnded().hasPassed("run__sla__end")
        .isWaitingAtExactly("backend", "frontend");
    assertThat(baton.variable(run, "baton_sla_breached")).isEqualTo(true);
    assertThat(baton.variable(run, "baton_outcome")).isNull();

    baton.completeAgent(run, "backend", "{}");
    baton.completeAgent(run, "frontend", "{}");
    baton.executeJobs(run, "release__join");
    baton.completeAgent(run, "release", "{}");
    assertThat(run).isEnded().hasPassed("release__end");
    assertThat(baton.variable(run, "baton_sla_breached")).isEqualTo(true);
  }
}
