package dev.baton.approval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Reads what the compiler wrote on an approval user task (camunda:properties). */
final class GateProperties {

  private GateProperties() {}

  static Map<String, String> of(DelegateTask task) {
    return of(task.getBpmnModelElementInstance());
  }

  static Map<String, String> of(UserTask element) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (element == null || element.getExtensionElements() == null) {
      return properties;
    }
    element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class)
        .list().forEach(list -> {
          for (CamundaProperty p : list.getCamundaProperties()) {
            properties.put(p.getCamundaName(), p.getCamundaValue());
          }
        });
    return properties;
  }

  /** The name of another element of the same process, for people to read. */
  static String nameOf(DelegateTask task, String elementId) {
    UserTask element = task.getBpmnModelElementInstance();
    FlowElement other = element == null ? null
        : element.getModelInstance().getModelElementById(elementId);
    return other == null || other.getName() == null ? elementId : other.getName();
  }
}
