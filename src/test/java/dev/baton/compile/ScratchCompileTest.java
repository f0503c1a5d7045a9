package dev.baton.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spec.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchCompileTest {
  @Test
  void print() {
    ObjectMapper m = new ObjectMapper();
    ObjectNode planCfg = m.createObjectNode().put("prompt_template", "plan_project");
    ObjectNode gateCfg = m.createObjectNode().put("required_role", "TenantAdmin").put("timeout_hours", 24);
    WorkflowSpec spec = new WorkflowSpec(
        new Metadata("Full", null, "1", 3600000L, null, false),
        List.of(
            new NodeSpec("plan", NodeType.AGENT_TASK, "Create Project Plan", "planner", planCfg, 300000L, List.of()),
            new NodeSpec("approval_gate", NodeType.APPROVAL_GATE, "Review Plan", null, gateCfg, null, List.of("plan")),
            new NodeSpec("implement", NodeType.AGENT_TASK, "Implement", "builder", m.createObjectNode(), null, List.of("approval_gate"))),
        List.of(new EdgeSpec("plan", "approval_gate", new EdgeCondition.OnOutcome(Outcome.SUCCESS))));
    System.out.println(new BpmnCompiler().compile("full-dev", spec).bpmnXml());
  }
}
