package dev.baton.workflow.bpmn;

import dev.baton.compile.ModelerTemplates;
import dev.baton.contract.BpmnConventions;
import java.util.Set;
import org.w3c.dom.Element;

/** What a BPMN element is to Baton: a spec node of some type, or something around them. */
enum ElementKind {
  AGENT_TASK,
  APPROVAL_GATE,
  /** A condition or parallel node: a gateway whose id is the node's. */
  GATEWAY_NODE,
  /** A budget check from the template: Baton writes one before every agent task itself. */
  BUDGET_CHECK,
  /** What the compiler generates around nodes (budget checks, joins, ends, timers ...). */
  GENERATED,
  SEQUENCE_FLOW,
  /** Annotations, associations, groups: no effect on a run. */
  ARTIFACT,
  OTHER;

  /** The agent task template's readable fields: an analyst's edit of one changes the node. */
  static final Set<String> AGENT_FIELDS = Set.of(BpmnConventions.PROP_AGENT_TYPE,
      BpmnConventions.PROP_AGENT, ModelerTemplates.PROP_CAPABILITIES,
      ModelerTemplates.PROP_PROMPT_TEMPLATE, ModelerTemplates.PROP_MODEL,
      ModelerTemplates.PROP_TOOLS, ModelerTemplates.PROP_OUTPUT_FORMAT);

  static final Set<String> GATE_FIELDS = Set.of(ModelerTemplates.PROP_TIMEOUT,
      ModelerTemplates.PROP_ON_TIMEOUT, ModelerTemplates.PROP_ESCALATION_LEVELS,
      ModelerTemplates.PROP_TWO_PERSON_RULE, ModelerTemplates.PROP_REQUIRE_JUSTIFICATION,
      ModelerTemplates.PROP_ALLOWED_ACTIONS);

  /** Properties only the compiler writes; a new element's copies of them are not read. */
  static final Set<String> INTERNAL = Set.of(BpmnConventions.PROP_NODE,
      BpmnConventions.PROP_CONFIG, BpmnConventions.PROP_UPSTREAM,
      BpmnConventions.PROP_ON_FAILURE);

  private static final Set<String> ARTIFACTS = Set.of("textAnnotation", "association", "group");

  /**
   * @param nodeIds the ids of the base spec's nodes (empty for a BPMN Baton did not compile)
   */
  static ElementKind of(Element e, Set<String> nodeIds) {
    if (Xml.isBpmn(e, "sequenceFlow")) {
      return SEQUENCE_FLOW;
    }
    if (ARTIFACTS.contains(e.getLocalName()) && Xml.BPMN.equals(e.getNamespaceURI())) {
      return ARTIFACT;
    }
    String id = Xml.attr(e, "id");
    String template = Xml.camunda(e, "modelerTemplate");
    if (Xml.isBpmn(e, "serviceTask") && ModelerTemplates.AGENT_TASK.equals(template)) {
      return AGENT_TASK;
    }
    if (Xml.isBpmn(e, "userTask") && ModelerTemplates.APPROVAL_GATE.equals(template)) {
      return APPROVAL_GATE;
    }
    if (Xml.isBpmn(e, "businessRuleTask") && ModelerTemplates.BUDGET_CHECK.equals(template)) {
      return BUDGET_CHECK;
    }
    if (nodeIds.contains(id) && e.getLocalName().endsWith("Gateway")) {
      return GATEWAY_NODE;
    }
    return id != null && BpmnConventions.isGenerated(id) ? GENERATED : OTHER;
  }

  boolean isNode() {
    return this == AGENT_TASK || this == APPROVAL_GATE || this == GATEWAY_NODE;
  }
}
