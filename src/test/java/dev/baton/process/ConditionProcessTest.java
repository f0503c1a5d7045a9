package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Condition nodes: comparisons on the input and on node outputs, loops, joins after them. */
class ConditionProcessTest extends ProcessTestSupport {

  // ---------------------------------------------------------------- guarded-release.json

  private ProcessInstance releaseToTarget(String inputJson) {
    String key = baton.deploy(ProcessTestEngine.sample("guarded-release"));
    ProcessInstance run = baton.start(key, inputJson);
    baton.completeAgent(run, "build", "{\"artifact\":\"app.jar\"}");
    baton.completeAgent(run, "qa", "{\"passed\":true}");
    return run;
  }

  @Test
  void productionInputNeedsApproval() {
    ProcessInstance run = releaseToTarget("{\"environment\":\"production\"}");

    assertThat(run).hasPassed("target").hasNotPassed("deploy_staging")
        .isWaitingAtExactly("prod_approval");
    assertThat(run).task("prod_approval").hasCandidateGroup("devops-lead");
    baton.approve(run, "prod_approval", "dana", "go");
    assertThat(run).isWaitingAtExactly("deploy_prod");
    baton.completeAgent(run, "deploy_prod", "{}");
    assertThat(run).isEnded().hasPassed("deploy_prod__end");
  }

  @Test
  void rejectedProductionReleaseFollowsTheRejectedEdge() {
    ProcessInstance run = releaseToTarget("{\"environment\":\"production\"}");

    baton.reject(run, "prod_approval", "dana", "freeze week");

    assertThat(run).hasNotPassed("deploy_prod").isWaitingAtExactly("notify_rejected");
    // a routed rejection is not a failed run
    assertThat(baton.variable(run, "baton_outcome")).isNull();
  }

  @Test
  void undecidedProductionReleaseIsDeniedAlongTheRejectedEdge() {
    Date begin = new Date(ClockUtil.getCurrentTime().getTime() / 1000 * 1000);
    ClockUtil.setCurrentTime(begin);
    ProcessInstance run = releaseToTarget("{\"environment\":\"production\"}");

    ClockUtil.setCurrentTime(new Date(begin.getTime() + Duration.ofHours(9).toMillis()));
    baton.executeJob(run, "prod_approval__timeout");

    assertThat(run).hasPassed("prod_approval__timeout").hasNotPassed("deploy_prod")
        .isWaitingAtExactly("notify_rejected");
  }

  @Test
  void gateRefusesADecisionThatIsNeitherApproveNorReject() {
    ProcessInstance run = releaseToTarget("{\"environment\":\"production\"}");
    String taskId = baton.tasks().createTaskQuery().processInstanceId(run.getId())
        .singleResult().getId();

    assertThatThrownBy(() -> baton.completeAs("dana", taskId, Map.of("decision", "maybe")))
        .hasMessageContaining("'maybe' is not a decision").hasMessageContaining("choose one of [approve, reject]");

    assertThat(run).isWaitingAtExactly("prod_approval");
    assertThat(baton.variable(run, "prod_approval__outcome")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"environment\":\"staging\"}", "{\"environment\":\"Production\"}",
      "{}"})
  void otherInputGoesToStaging(String input) {
    ProcessInstance run = releaseToTarget(input);

    assertThat(run).hasPassed("target").hasNotPassed("prod_approval")
        .isWaitingAtExactly("deploy_staging");
    baton.completeAgent(run, "deploy_staging", "{}");
    assertThat(run).isEnded().hasPassed("deploy_staging__end");
  }

  // ---------------------------------------------------------------- critic-loop.json

  private ProcessInstance criticLoop() {
    String key = baton.deploy(ProcessTestEngine.sample("critic-loop"));
    ProcessInstance run = baton.start(key, "{\"topic\":\"BPMN\"}");
    baton.completeAgent(run, "draft", "{\"text\":\"v1\"}");
    // the join in front of the critic is asynchronous
    baton.executeJobs(run, "critic__join");
    assertThat(run).isWaitingAtExactly("critic");
    return run;
  }

  @Test
  void passingCriticPublishes() {
    ProcessInstance run = criticLoop();

    baton.completeAgent(run, "critic", "{\"passed\":true}");

    assertThat(run).hasPassed("good_enough").hasNotPassed("refine")
        .isWaitingAtExactly("publish");
    assertThat(baton.variable(run, "good_enough__iterations")).isEqualTo(1);
    baton.completeAgent(run, "publish", "{}");
    assertThat(run).isEnded().hasPassed("publish__end");
  }

  @Test
  void failingCriticRefinesAndReviewsAgainUntilItPasses() {
    ProcessInstance run = criticLoop();

    baton.completeAgent(run, "critic", "{\"passed\":false}");
    assertThat(run).hasPassed("good_enough").isWaitingAtExactly("refine");
    baton.completeAgent(run, "refine", "{\"text\":\"v2\"}");
    baton.executeJobs(run, "critic__join");
    assertThat(run).isWaitingAtExactly("critic");

    baton.completeAgent(run, "critic", "{\"passed\":true}");
    assertThat(run).isWaitingAtExactly("publish");
    assertThat(baton.variable(run, "good_enough__iterations")).isEqualTo(2);
  }

  @Test
  void loopGivesUpAfterMaxIterations() {
    ProcessInstance run = criticLoop();

    for (int round = 1; round <= 3; round++) {
      baton.completeAgent(run, "critic", "{\"passed\":false}");
      assertThat(run).as("round %d", round).isWaitingAtExactly("refine");
      baton.completeAgent(run, "refine", "{\"text\":\"v" + (round + 1) + "\"}");
      baton.executeJobs(run, "critic__join");
      assertThat(run).isWaitingAtExactly("critic");
    }
    baton.completeAgent(run, "critic", "{\"passed\":false}");

    assertThat(run).isEnded().hasPassed("good_enough__exhausted").hasNotPassed("publish");
    assertThat(baton.variable(run, "baton_outcome")).isEqualTo("failed");
    assertThat(baton.variable(run, "baton_failed_node")).isEqualTo("good_enough");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .contains("Good enough?").contains("max_iterations (3)");
    assertThat(baton.history().createHistoricActivityInstanceQuery()
        .processInstanceId(run.getId()).activityId("refine").count()).isEqualTo(3);
    assertThat(baton.history().createHistoricActivityInstanceQuery()
        .processInstanceId(run.getId()).activityId("critic").count()).isEqualTo(4);
  }

  // ---------------------------------------------------------------- join after alternatives

  @Test
  void joinAfterAlternativesIsInclusive() {
    baton.deploy(ProcessTestEngine.testSpec("alternatives-join"));
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(
        baton.bpmn("alternatives-join").getBytes(StandardCharsets.UTF_8)));
    FlowNode join = model.getModelElementById("summary__join");
    assertThat(join).isInstanceOf(InclusiveGateway.class);
    assertThat(join.isCamundaAsyncBefore()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 1})
  void joinAfterAlternativesContinuesAfterOneBranch(int severity) {
    String key = baton.deploy(ProcessTestEngine.testSpec("alternatives-join"));
    ProcessInstance run = baton.start(key, "{}");
    baton.completeAgent(run, "triage", "{\"severity\":" + severity + "}");
    String taken = severity >= 3 ? "fast" : "slow";
    String skipped = severity >= 3 ? "slow" : "fast";
    assertThat(run).isWaitingAtExactly(taken);

    baton.completeAgent(run, taken, "{}");
    baton.executeJobs(run, "summary__join");

    assertThat(run).hasPassed("summary__join").hasNotPassed(skipped)
        .isWaitingAtExactly("summary");
    baton.completeAgent(run, "summary", "{}");
    assertThat(run).isEnded();
  }
}
