package dev.baton.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.compile.BpmnCompiler;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** A spec against a strict policy: refusals at their path, gates and SLA the policy adds. */
class PolicyChecksTest {

  private static final GovernancePolicy STRICT = new GovernancePolicy(
      List.of("planner", "builder", "qa"), List.of("prod_deploy"), "release-managers", 8.0,
      3_600_000L, "test-policy.yml");

  private static final String RELEASE = """
      {"metadata": {"name": "Release", "sla_ms": 600000},
       "nodes": [
         {"id": "build", "type": "agent_task", "agent_type": "builder"},
         {"id": "deploy", "type": "agent_task", "agent_type": "builder", "name": "Deploy",
          "config": {"tags": ["prod_deploy"]}, "dependencies": ["build"]},
         {"id": "verify", "type": "agent_task", "agent_type": "qa", "dependencies": ["deploy"]}
       ]}""";

  @Test
  void aTaggedNodeGetsAGateBeforeItInTheSpecTheStoredDocumentAndTheBpmn() {
    SpecReport read = read(RELEASE);
    PolicyChecks.Result result = PolicyChecks.check(read.spec(), read.tree(), STRICT);

    assertThat(result.problems()).filteredOn(SpecProblem::isError).isEmpty();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("$.nodes[1]");
      assertThat(p.message()).contains("'deploy' is tagged prod_deploy")
          .contains("policy_gate_deploy").contains("release-managers");
    });
    NodeSpec gate = result.spec().node("policy_gate_deploy").orElseThrow();
    assertThat(gate.type()).isEqualTo(NodeType.APPROVAL_GATE);
    assertThat(gate.dependencies()).containsExactly("build");
    assertThat(gate.config().path("required_role").asText()).isEqualTo("release-managers");
    assertThat(gate.config().path("timeout_hours").asDouble()).isEqualTo(8.0);
    assertThat(result.spec().node("deploy").orElseThrow().dependencies())
        .containsExactly("policy_gate_deploy");
    // the stored document lists the gate too, before the node (run status reads it)
    assertThat(result.tree().path("nodes").findValuesAsText("id"))
        .containsExactly("build", "policy_gate_deploy", "deploy", "verify");
    assertThat(read.tree().path("nodes")).hasSize(3); // the author's document is not touched

    BpmnModelInstance bpmn = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
        new BpmnCompiler().compile("release", result.spec()).bpmnXml().getBytes(
            java.nio.charset.StandardCharsets.UTF_8)));
    UserTask task = bpmn.getModelElementById("policy_gate_deploy");
    assertThat(task).isNotNull();
    assertThat(task.getCamundaCandidateGroups()).isEqualTo("release-managers");
    assertThat(task.getDocumentations()).anySatisfy(d ->
        assertThat(d.getTextContent()).contains("governance policy"));
    // the gate's way on leads to the deploy step's budget check, then the step
    FlowNode deploy = bpmn.getModelElementById("deploy");
    assertThat(deploy.getPreviousNodes().list()).extracting(n -> n.getId())
        .allSatisfy(id -> assertThat(id).startsWith("deploy__"));
  }

  @Test
  void aNodeAlreadyBehindAnApprovalGateKeepsItsOwn() {
    SpecReport read = read("""
        {"metadata": {"name": "Release", "sla_ms": 600000},
         "nodes": [
           {"id": "build", "type": "agent_task", "agent_type": "builder"},
           {"id": "ok", "type": "approval_gate", "config": {"required_role": "ops"},
            "dependencies": ["build"]},
           {"id": "deploy", "type": "agent_task", "agent_type": "builder",
            "config": {"tags": ["prod_deploy"]}, "dependencies": ["ok"]}
         ]}""");
    PolicyChecks.Result result = PolicyChecks.check(read.spec(), read.tree(), STRICT);
    assertThat(result.problems()).isEmpty();
    assertThat(result.spec().nodes()).hasSize(3);
  }

  @Test
  void anAgentTypeThePolicyDoesNotAllowIsAnErrorAtItsPath() {
    SpecReport read = read(RELEASE.replace("\"agent_type\": \"qa\"", "\"agent_type\": \"docs\""));
    List<SpecProblem> errors = PolicyChecks.check(read.spec(), read.tree(), STRICT).problems()
        .stream().filter(SpecProblem::isError).toList();
    assertThat(errors).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("$.nodes[2].agent_type");
      assertThat(p.message()).contains("'docs'").contains("agents.allowed_types")
          .contains("test-policy.yml");
    });
  }

  @Test
  void anSlaBeyondThePolicysIsAnErrorAndNoSlaGetsThePolicys() {
    SpecReport tooLong = read(RELEASE.replace("600000", "7200000"));
    assertThat(PolicyChecks.check(tooLong.spec(), tooLong.tree(), STRICT).problems())
        .filteredOn(SpecProblem::isError).singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("$.metadata.sla_ms"));

    SpecReport none = read(RELEASE.replace(", \"sla_ms\": 600000", ""));
    PolicyChecks.Result result = PolicyChecks.check(none.spec(), none.tree(), STRICT);
    assertThat(result.spec().metadata().slaMs()).isEqualTo(3_600_000L);
    assertThat(result.tree().path("metadata").path("sla_ms").asLong()).isEqualTo(3_600_000L);
    assertThat(result.problems()).anySatisfy(p ->
        assertThat(p.message()).contains("workflows.run_sla_ms applies").contains("1 h"));
  }

  @Test
  void withoutAPolicyNothingChanges() {
    SpecReport read = read(RELEASE);
    PolicyChecks.Result result = PolicyChecks.check(read.spec(), read.tree(),
        GovernancePolicy.NONE);
    assertThat(result.problems()).isEmpty();
    assertThat(result.spec()).isEqualTo(read.spec());
  }

  private static SpecReport read(String json) {
    SpecReport report = new SpecReader(AgentTypes.BUILT_IN).read(json);
    assertThat(report.problems()).filteredOn(SpecProblem::isError).isEmpty();
    return report;
  }
}
