package dev.baton.compile;

import dev.baton.contract.BpmnConventions;
import dev.baton.spec.GateConfig;
import dev.baton.spec.NodeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Baton's Camunda Modeler element templates ({@code processes/element-templates/}): their ids,
 * their version, and the readable extension properties they show, one per setting of a node.
 * The compiler writes the same properties and links each agent task, approval gate and budget
 * check to its template ({@code camunda:modelerTemplate}), so that a compiled BPMN opened in
 * the Modeler shows Baton's fields in the properties panel; {@code ElementTemplatesTest} keeps
 * the files and the compiler in step.
 *
 * <p>The readable properties mirror the spec for people; the worker and the engine still read
 * {@link BpmnConventions#PROP_CONFIG}, the candidate attributes and the timers. A field edited
 * in the Modeler changes a run once the BPMN is deployed back through Baton, which carries it
 * into the spec ({@code dev.baton.workflow.bpmn}) and compiles that again.
 */
public final class ModelerTemplates {

  public static final String AGENT_TASK = "dev.baton.AgentTask";
  public static final String APPROVAL_GATE = "dev.baton.ApprovalGate";
  public static final String BUDGET_CHECK = "dev.baton.BudgetCheck";
  /** The version of all three templates; raise it (in the files too) when a field changes. */
  public static final int VERSION = 1;

  // agent task (besides PROP_AGENT_TYPE, PROP_AGENT and PROP_ON_FAILURE, which the worker reads)
  public static final String PROP_CAPABILITIES = "baton.capabilities";
  public static final String PROP_PROMPT_TEMPLATE = "baton.prompt_template";
  public static final String PROP_MODEL = "baton.model";
  public static final String PROP_TOOLS = "baton.tools";
  public static final String PROP_OUTPUT_FORMAT = "baton.output_format";
  // approval gate (who decides is the user task's candidate groups and users)
  public static final String PROP_TIMEOUT = "baton.timeout";
  public static final String PROP_ON_TIMEOUT = "baton.on_timeout";
  public static final String PROP_ESCALATION_LEVELS = "baton.escalation_levels";
  public static final String PROP_TWO_PERSON_RULE = "baton.two_person_rule";
  public static final String PROP_REQUIRE_JUSTIFICATION = "baton.require_justification";
  public static final String PROP_ALLOWED_ACTIONS = "baton.allowed_actions";
  // budget check
  /** The id of the agent task a budget check runs before. */
  public static final String PROP_CHECKS = "baton.checks";

  /**
   * What the runtime reads that the templates do not show: ids and the whole config, which
   * depend on the element's place in the workflow rather than on a choice in a form.
   */
  public static final Set<String> INTERNAL_PROPERTIES = Set.of(
      BpmnConventions.PROP_NODE, BpmnConventions.PROP_CONFIG, BpmnConventions.PROP_UPSTREAM);

  private ModelerTemplates() {}

  /** The readable settings of an agent task; unset optional ones are left out. */
  static Map<String, String> agentTask(NodeSpec node) {
    Map<String, String> properties = new LinkedHashMap<>(); // ordered: byte-identical output
    putList(properties, PROP_CAPABILITIES, node.configList("capabilities"));
    node.configText("prompt_template").ifPresent(p -> properties.put(PROP_PROMPT_TEMPLATE, p));
    node.configText("model").ifPresent(m -> properties.put(PROP_MODEL, m));
    putList(properties, PROP_TOOLS, node.configList("tools"));
    properties.put(PROP_OUTPUT_FORMAT, node.configText("output_format").orElse("text"));
    return properties;
  }

  /** The readable settings of an approval gate; the yes/no ones are always written. */
  static Map<String, String> approvalGate(GateConfig gate) {
    Map<String, String> properties = new LinkedHashMap<>();
    gate.timeout().ifPresent(timeout -> {
      properties.put(PROP_TIMEOUT, timeout);
      properties.put(PROP_ON_TIMEOUT, gate.approveOnTimeout() ? "approve" : "deny");
    });
    if (!gate.levels().isEmpty()) {
      properties.put(PROP_ESCALATION_LEVELS,
          gate.levels().stream().map(ModelerTemplates::level).collect(Collectors.joining("; ")));
    }
    properties.put(PROP_TWO_PERSON_RULE, String.valueOf(gate.twoPersonRule()));
    properties.put(PROP_REQUIRE_JUSTIFICATION, String.valueOf(gate.requireJustification()));
    properties.put(PROP_ALLOWED_ACTIONS, String.join(",", gate.allowedActions()));
    return properties;
  }

  /** {@code PT4H: devops-lead, carol (notify log, slack)}. */
  static String level(GateConfig.Level level) {
    String text = level.iso() + ": " + String.join(", ", level.assignees());
    return level.channels().isEmpty() ? text
        : text + " (notify " + String.join(", ", level.channels()) + ")";
  }

  static Map<String, String> budgetCheck(String agentTaskId) {
    return Map.of(PROP_CHECKS, agentTaskId);
  }

  private static void putList(Map<String, String> properties, String name, List<String> values) {
    if (!values.isEmpty()) {
      properties.put(name, String.join(",", values));
    }
  }
}
