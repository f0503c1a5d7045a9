package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.spec.WorkflowSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.junit.jupiter.api.Test;

/** A spec's words for people reach the Modeler as documentation, as plain text. */
class DocumentationTest {

  @Test
  void theWorkflowsAndEachNodesDescriptionBecomeDocumentation() {
    WorkflowSpec spec = new SpecReader(AgentTypes.BUILT_IN).read("""
        {"metadata": {"name": "Documented", "description": "What the whole workflow is for"},
         "nodes": [
           {"id": "plan", "type": "agent_task", "agent_type": "planner",
            "description": "Plans the work ${not.an.expression} <b>as text</b>"},
           {"id": "review", "type": "approval_gate", "dependencies": ["plan"],
            "config": {"required_role": "TenantAdmin"}}
         ]}""").orThrow();
    String xml = new BpmnCompiler().compile("documented", null, null, spec, Map.of()).bpmnXml();
    BpmnModelInstance model = Bpmn.readModelFromStream(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    assertThat(text(model.getModelElementById("documented")))
        .isEqualTo("What the whole workflow is for");
    assertThat(text(model.getModelElementById("plan")))
        .isEqualTo("Plans the work ${not.an.expression} <b>as text</b>");
    assertThat(((BaseElement) model.getModelElementById("review")).getDocumentations())
        .isEmpty();
  }

  private static String text(Object element) {
    return ((BaseElement) element).getDocumentations().stream()
        .map(Documentation::getTextContent).findFirst().orElse(null);
  }
}
