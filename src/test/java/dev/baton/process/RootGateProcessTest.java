package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec whose first node is an approval gate: the gate reviews the run's input (no upstream
 * outputs) and the run goes on or stops with the decision. It used to fail every run with a
 * NullPointerException in the gate's create listener. The gate here also has an id with '-' and
 * '.' (which JUEL read as arithmetic in the old outcome condition) and a name that tries to run
 * a command and set a variable: the engine shows it as text and runs nothing.
 */
class RootGateProcessTest extends ProcessTestSupport {

  @TempDir
  Path tmp;

  private String spec(String gateName) {
    return """
        {"metadata": {"name": "Gate first"},
         "nodes": [
           {"id": "go-live.review", "type": "approval_gate", "name": %s,
            "config": {"required_role": "product-owner"}},
           {"id": "ship", "type": "agent_task", "agent_type": "builder",
            "dependencies": ["go-live.review"]}
         ]}""".formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(gateName));
  }

  @Test
  void aGateThatStartsTheRunReviewsItAndTheRunGoesOnWhenApproved() {
    Path marker = tmp.resolve("pwned");
    String name = "#{''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch "
        + marker + "')} ${execution.setVariable('baton_budget_usd', 1000)} \\${x}";
    String key = baton.deploy("gate-first", spec(name));
    ProcessInstance run = baton.start(key, "{\"task\": \"release 3.0\"}");

    Task gate = baton.tasks().createTaskQuery().processInstanceId(run.getId())
        .taskDefinitionKey("go-live.review").singleResult();
    assertThat(gate).isNotNull();
    assertThat(gate.getName()).isEqualTo(name);
    String review = (String) baton.tasks().getVariableLocal(gate.getId(), "baton_review");
    // nothing ran before it: the run's input and what approving starts, no earlier outputs
    assertThat(review).startsWith("### " + name).contains("#### The run's input")
        .contains("release 3.0").contains("**If you approve, next:**");
    assertThat(review.replace("#### The run's input", "")).doesNotContain("#### ");
    assertThat(marker).doesNotExist();
    assertThat(baton.variable(run, "baton_budget_usd")).isNotEqualTo(1000);

    baton.approve(run, "go-live.review", "alice", "fine");
    assertThat(run).isWaitingAtExactly("ship");
    baton.completeAgent(run, "ship", "{\"done\": true}");

    assertThat(run).isEnded().hasPassed("go-live.review", "ship");
    assertThat(marker).doesNotExist();
  }

  @Test
  void aGateThatStartsTheRunStopsItWhenRejected() {
    String key = baton.deploy("gate-first", spec("Go live?"));
    ProcessInstance run = baton.start(key, "{}");

    baton.reject(run, "go-live.review", "alice", "not now");

    assertThat(run).isEnded().hasNotPassed("ship");
    assertThat(baton.jsonVariable(run, "go-live.review").path("decision").asText())
        .isEqualTo("reject");
  }
}
