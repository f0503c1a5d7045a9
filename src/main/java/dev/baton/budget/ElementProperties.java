package dev.baton.budget;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Reads the camunda:properties the compiler put on an element of the running process. */
final class ElementProperties {

  private ElementProperties() {}

  static String get(DelegateExecution execution, String elementId, String name,
      String fallback) {
    BaseElement element = execution.getBpmnModelInstance().getModelElementById(elementId);
    if (element == null || element.getExtensionElements() == null) {
      return fallback;
    }
    for (CamundaProperties list : element.getExtensionElements().getElementsQuery()
        .filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty p : list.getCamundaProperties()) {
        if (name.equals(p.getCamundaName())) {
          return p.getCamundaValue();
        }
      }
    }
    return fallback;
  }

  /** Whether the compiled process asks for approval instead of stopping at this node. */
  static boolean hasOverride(DelegateExecution execution, String nodeId) {
    return execution.getBpmnModelInstance()
        .getModelElementById(dev.baton.contract.BpmnConventions.overrideId(nodeId)) != null;
  }
}
