package dev.baton.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.compile.BpmnCompiler;
import dev.baton.contract.SpecSource;
import dev.baton.problem.UnprocessableException;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.support.ModelerEdits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deriving a spec from an analyst's edits of compiled BPMN: what is taken, what is refused. */
class SpecDerivationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);
  private static final String SPEC = """
      {"metadata": {"name": "Round trip", "version": "1.0.0", "budget_usd": 2.0},
       "nodes": [
        {"id": "build", "type": "agent_task", "agent_type": "builder", "name": "Build"},
        {"id": "qa", "type": "agent_task", "agent_type": "qa", "name": "Test",
         "dependencies": ["build"]},
        {"id": "approve", "type": "approval_gate", "name": "Approve",
         "config": {"required_role": "devops-lead", "timeout_hours": 8},
         "dependencies": ["qa"]},
        {"id": "ship", "type": "agent_task", "agent_type": "integration", "name": "Ship",
         "dependencies": ["approve"]}
       ]}""";

  private static String compile(String specText) {
    return new BpmnCompiler().compile("round-trip", null, null,
        READER.read(specText).orThrow(), Map.of(), SpecSource.of("round-trip", specText))
        .bpmnXml();
  }

  private static SpecDerivation.Result derive(String edited) throws Exception {
    return SpecDerivation.fromBase((ObjectNode) JSON.readTree(SPEC),
        BpmnDocument.read(compile(SPEC)), BpmnDocument.read(edited));
  }

  private static JsonNode node(JsonNode spec, String id) {
    for (JsonNode n : spec.path("nodes")) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no node " + id + " in " + spec.toPrettyString());
  }

  @Test
  void theCompilerNamesTheSpecItCompiled() {
    String xml = compile(SPEC);
    assertThat(xml).contains("name=\"baton.source\" value=\""
        + SpecSource.of("round-trip", SPEC).text() + "\"");
    assertThat(SpecSource.parse(SpecSource.of("round-trip", SPEC).text()))
        .contains(SpecSource.of("round-trip", SPEC));
  }

  @Test
  void anUnchangedBpmnGivesBackTheBaseSpec() throws Exception {
    SpecDerivation.Result result = derive(compile(SPEC));
    assertThat(result.spec()).isEqualTo(JSON.readTree(SPEC));
    assertThat(result.applied()).isEmpty();
    assertThat(result.ignored()).isEmpty();
  }

  @Test
  void takesRenamesNewTasksAndTemplateFields() throws Exception {
    ModelerEdits edits = new ModelerEdits(compile(SPEC))
        .move("build", 0, 120).move("qa", 40, 120)
        .rename("qa", "Check quality")
        .insertAgentTask("flow__build__qa__budget", "Activity_0review", "Review the build",
            Map.of("baton.agent_type", "docs", "baton.model", "gpt-4o-mini",
                "baton.output_format", "text"))
        .attribute("approve", "candidateGroups", "product-owner")
        .property("approve", "baton.timeout", "PT2H")
        .property("ship", "baton.model", "claude-sonnet")
        .rename("qa__budget", "Money check");

    SpecDerivation.Result result = derive(edits.xml());

    JsonNode spec = result.spec();
    assertThat(node(spec, "qa").path("name").asText()).isEqualTo("Check quality");
    JsonNode review = node(spec, "Activity_0review");
    assertThat(review.path("type").asText()).isEqualTo("agent_task");
    assertThat(review.path("agent_type").asText()).isEqualTo("docs");
    assertThat(review.path("name").asText()).isEqualTo("Review the build");
    assertThat(review.at("/config/model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(review.path("dependencies")).containsExactly(JSON.valueToTree("build"));
    assertThat(node(spec, "qa").path("dependencies"))
        .containsExactly(JSON.valueToTree("Activity_0review"));
    assertThat(node(spec, "approve").at("/config/required_role").asText())
        .isEqualTo("product-owner");
    assertThat(node(spec, "approve").at("/config/timeout").asText()).isEqualTo("PT2H");
    assertThat(node(spec, "approve").path("config").has("timeout_hours")).isFalse();
    assertThat(node(spec, "ship").at("/config/model").asText()).isEqualTo("claude-sonnet");
    assertThat(result.newNodes()).containsEntry("Activity_0review", "Activity_0review");

    assertThat(result.applied()).extracting(Edit::change).contains(
        "renamed node 'qa' to 'Check quality'",
        "added agent task 'Activity_0review' (Review the build) between build and qa",
        "gate 'approve' roles: devops-lead → product-owner",
        "gate 'approve' timeout: PT8H → PT2H",
        "agent task 'ship' model: (none) → claude-sonnet");
    assertThat(result.ignored()).extracting(Edit::elementId).containsExactly("qa__budget");

    // the derived spec is a valid spec, and compiles with the analyst's layout laid over it
    String derived = JSON.writeValueAsString(spec);
    assertThat(READER.read(derived).errors()).isEmpty();
    String compiled = compile(derived);
    String overlaid = DiagramOverlay.apply(compiled, edits.model(), Map.of());
    ModelerEdits result2 = new ModelerEdits(overlaid);
    assertThat(result2.bounds("build")).containsExactly(edits.bounds("build"));
    assertThat(result2.bounds("qa")).containsExactly(edits.bounds("qa"));
    assertThat(result2.bounds("Activity_0review")).containsExactly(
        edits.bounds("Activity_0review"));
    // the budget check Baton adds before the new task keeps its place left of it
    double[] task = result2.bounds("Activity_0review");
    double[] check = result2.bounds("Activity_0review__budget");
    assertThat(check[0] + check[2]).isLessThan(task[0]);
    assertThat(check[1] + check[3] / 2).isCloseTo(task[1] + task[3] / 2,
        org.assertj.core.data.Offset.offset(1.0));
    assertThat(DiagramOverlay.moved(BpmnDocument.read(compile(SPEC)).model(), edits.model()))
        .containsExactlyInAnyOrder("build", "qa");
  }

  @Test
  void aGateFromTheTemplateWithItsDefaultsBecomesAValidNode() throws Exception {
    // the template's defaults, as the Modeler writes them when it is applied
    ModelerEdits edits = new ModelerEdits(compile(SPEC))
        .insertApprovalGate("flow__qa__approve", "Activity_1sign", "Sign off", "TenantAdmin",
            Map.of("baton.on_timeout", "deny", "baton.two_person_rule", "false",
                "baton.require_justification", "true", "baton.allowed_actions",
                "approve,reject", "baton.timeout", "PT4H"));
    SpecDerivation.Result result = derive(edits.xml());
    JsonNode gate = node(result.spec(), "Activity_1sign");
    assertThat(gate.path("type").asText()).isEqualTo("approval_gate");
    assertThat(gate.at("/config/required_role").asText()).isEqualTo("TenantAdmin");
    assertThat(gate.at("/config/timeout").asText()).isEqualTo("PT4H");
    assertThat(gate.at("/config/approval_criteria/require_justification").asBoolean()).isTrue();
    assertThat(gate.path("dependencies")).containsExactly(JSON.valueToTree("qa"));
    assertThat(node(result.spec(), "approve").path("dependencies"))
        .containsExactly(JSON.valueToTree("Activity_1sign"));
    var report = READER.read(JSON.writeValueAsString(result.spec()));
    assertThat(report.errors()).isEmpty();
  }

  @Test
  void refusesAnEditedConditionNamingTheFlow() {
    ModelerEdits edits = new ModelerEdits(compile(SPEC))
        .condition("flow__approve__decision__ship__budget", "${true}");
    assertThatThrownBy(() -> derive(edits.xml()))
        .isInstanceOfSatisfying(UnprocessableException.class, e ->
            assertThat(e.errors()).anySatisfy(error -> {
              assertThat(error.get("element_id"))
                  .isEqualTo("flow__approve__decision__ship__budget");
              assertThat(error.get("message")).contains("conditionExpression");
              assertThat(error.get("hint")).contains("spec's edges");
            }));
  }

  @Test
  void refusesAScriptTaskAndAnExpressionInACandidateGroup() {
    ModelerEdits edits = new ModelerEdits(compile(SPEC))
        .insertScriptTask("flow__build__qa__budget", "Activity_script")
        .attribute("approve", "candidateGroups", "${execution.getVariable('x')}");
    assertThatThrownBy(() -> derive(edits.xml()))
        .isInstanceOfSatisfying(UnprocessableException.class, e ->
            assertThat(e.errors()).extracting(error -> error.get("element_id"))
                .contains("Activity_script", "approve"));
  }

  @Test
  void refusesAListenerAddedToAGeneratedElementAndAChangedTopic() {
    ModelerEdits edits = new ModelerEdits(compile(SPEC))
        .attribute("build", "topic", "other-topic")
        .attribute("qa__budget", "asyncBefore", "true");
    assertThatThrownBy(() -> derive(edits.xml()))
        .isInstanceOfSatisfying(UnprocessableException.class, e ->
            assertThat(e.errors()).extracting(error -> error.get("element_id"))
                .containsExactlyInAnyOrder("build", "qa__budget"));
  }

  @Test
  void refusesAChangedOnFailureAndAListenerNamingWhatChanged() {
    ModelerEdits edits = new ModelerEdits(compile(SPEC))
        .property("build", "baton.on_failure", "continue")
        .property("approve", "baton.config", "{}");
    assertThatThrownBy(() -> derive(edits.xml()))
        .isInstanceOfSatisfying(UnprocessableException.class, e -> {
          assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.get("element_id")).isEqualTo("build");
            assertThat(error.get("message")).contains("property baton.on_failure");
            assertThat(error.get("hint")).contains("failure edge");
          });
          assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.get("element_id")).isEqualTo("approve");
            assertThat(error.get("hint")).contains("not baton.config");
          });
        });
  }

  @Test
  void refusesARemovedNode() {
    ModelerEdits edits = new ModelerEdits(compile(SPEC)).remove("qa");
    assertThatThrownBy(() -> derive(edits.xml()))
        .isInstanceOfSatisfying(UnprocessableException.class, e ->
            assertThat(e.errors()).anySatisfy(error -> {
              assertThat(error.get("element_id")).isEqualTo("qa");
              assertThat(error.get("hint")).contains("remove a node in the spec");
            }));
  }

  @Test
  void aHandDrawnBpmnOfTemplateTasksBecomesASpec() {
    ModelerEdits edits = new ModelerEdits(handDrawn());
    SpecDerivation.Result result = SpecDerivation.handDrawn(BpmnDocument.read(edits.xml()));
    JsonNode spec = result.spec();
    assertThat(spec.at("/metadata/name").asText()).isEqualTo("Sketch");
    assertThat(node(spec, "write").path("agent_type").asText()).isEqualTo("docs");
    assertThat(node(spec, "check").path("dependencies"))
        .containsExactly(JSON.valueToTree("write"));
    assertThat(node(spec, "write").path("dependencies")).isEmpty();
    assertThat(READER.read(spec).errors()).isEmpty();

    String withScript = handDrawn().replace("<bpmn:endEvent id=\"end\">",
        "<bpmn:scriptTask id=\"hack\" scriptFormat=\"groovy\"><bpmn:script>x</bpmn:script>"
            + "</bpmn:scriptTask><bpmn:endEvent id=\"end\">");
    assertThatThrownBy(() -> SpecDerivation.handDrawn(BpmnDocument.read(withScript)))
        .isInstanceOfSatisfying(UnprocessableException.class, e ->
            assertThat(e.errors()).extracting(error -> error.get("element_id"))
                .containsExactly("hack"));
  }

  private static String handDrawn() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
          <bpmn:process id="sketch" name="Sketch" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="write" name="Write" camunda:type="external"
                camunda:topic="baton-agent" camunda:modelerTemplate="dev.baton.AgentTask">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="baton.agent_type" value="docs"/>
              </camunda:properties></bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="check" name="Check" camunda:type="external"
                camunda:topic="baton-agent" camunda:modelerTemplate="dev.baton.AgentTask">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="baton.agent_type" value="qa"/>
              </camunda:properties></bpmn:extensionElements>
              <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="write"/>
            <bpmn:sequenceFlow id="f2" sourceRef="write" targetRef="check"/>
            <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;
  }
}
