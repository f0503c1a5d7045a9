package dev.baton.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Edits a BPMN the way an analyst does in Camunda Modeler, through Camunda's Model API: moves
 * shapes, renames, applies Baton's agent task template to a task dropped on a flow (the
 * attributes and properties the Modeler writes), changes a gate's candidate group.
 */
public final class ModelerEdits {

  private final BpmnModelInstance model;

  public ModelerEdits(String xml) {
    model = Bpmn.readModelFromStream(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  public String xml() {
    return Bpmn.convertToString(model);
  }

  public BpmnModelInstance model() {
    return model;
  }

  /** The shape's bounds {x, y, width, height}. */
  public double[] bounds(String elementId) {
    Bounds b = shape(elementId).getBounds();
    return new double[] {b.getX(), b.getY(), b.getWidth(), b.getHeight()};
  }

  /** Drags a shape: the ends of its flows follow, as the Modeler lays them out again. */
  public ModelerEdits move(String elementId, double dx, double dy) {
    Bounds b = shape(elementId).getBounds();
    b.setX(b.getX() + dx);
    b.setY(b.getY() + dy);
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
      Waypoint[] points = edge.getWaypoints().toArray(new Waypoint[0]);
      if (flow.getSource().getId().equals(elementId)) {
        points[0].setX(points[0].getX() + dx);
        points[0].setY(points[0].getY() + dy);
      }
      if (flow.getTarget().getId().equals(elementId)) {
        Waypoint last = points[points.length - 1];
        last.setX(last.getX() + dx);
        last.setY(last.getY() + dy);
      }
    }
    return this;
  }

  public ModelerEdits rename(String elementId, String name) {
    ((FlowElement) model.getModelElementById(elementId)).setName(name);
    return this;
  }

  public ModelerEdits attribute(String elementId, String camundaAttribute, String value) {
    BaseElement element = model.getModelElementById(elementId);
    element.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, camundaAttribute, value);
    return this;
  }

  /** Sets a template field (a camunda:property) of an element, as the properties panel does. */
  public ModelerEdits property(String elementId, String name, String value) {
    BaseElement element = model.getModelElementById(elementId);
    CamundaProperties properties = element.getExtensionElements()
        .getElementsQuery().filterByType(CamundaProperties.class).singleResult();
    for (CamundaProperty p : properties.getCamundaProperties()) {
      if (p.getCamundaName().equals(name)) {
        p.setCamundaValue(value);
        return this;
      }
    }
    CamundaProperty p = model.newInstance(CamundaProperty.class);
    p.setCamundaName(name);
    p.setCamundaValue(value);
    properties.addChildElement(p);
    return this;
  }

  /**
   * Creates a task on a flow and applies the Baton agent task template to it, as the Modeler
   * does when a task is dropped on a flow: the flow now ends at the task, a new flow leads on
   * to the flow's old target.
   */
  public ModelerEdits insertAgentTask(String flowId, String elementId, String name,
      Map<String, String> fields) {
    SequenceFlow flow = model.getModelElementById(flowId);
    FlowNode oldTarget = flow.getTarget();
    Process process = (Process) flow.getParentElement();
    ServiceTask task = model.newInstance(ServiceTask.class, elementId);
    task.setName(name);
    process.addChildElement(task);
    applyTemplate(task, "dev.baton.AgentTask", fields);
    task.setCamundaType("external");
    task.setCamundaTopic("baton-agent");
    connect(flow, oldTarget, task, elementId);
    return this;
  }

  /**
   * As {@link #insertAgentTask}, with the Baton approval gate template: a user task with the
   * template's hidden form binding, its candidate groups and its fields (with their defaults).
   */
  public ModelerEdits insertApprovalGate(String flowId, String elementId, String name,
      String candidateGroups, Map<String, String> fields) {
    SequenceFlow flow = model.getModelElementById(flowId);
    FlowNode oldTarget = flow.getTarget();
    Process process = (Process) flow.getParentElement();
    org.camunda.bpm.model.bpmn.instance.UserTask task =
        model.newInstance(org.camunda.bpm.model.bpmn.instance.UserTask.class, elementId);
    task.setName(name);
    process.addChildElement(task);
    applyTemplate(task, "dev.baton.ApprovalGate", fields);
    task.setCamundaFormRef("baton-approval");
    task.setCamundaFormRefBinding("deployment");
    task.setCamundaCandidateGroups(candidateGroups);
    connect(flow, oldTarget, task, elementId);
    return this;
  }

  /** What the Modeler writes when a template is applied: its id, version and properties. */
  private void applyTemplate(org.camunda.bpm.model.bpmn.instance.Task task, String template,
      Map<String, String> fields) {
    task.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "modelerTemplate", template);
    task.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "modelerTemplateVersion", "1");
    ExtensionElements extensions = model.newInstance(ExtensionElements.class);
    task.setExtensionElements(extensions);
    CamundaProperties properties = extensions.addExtensionElement(CamundaProperties.class);
    fields.forEach((key, value) -> {
      CamundaProperty p = model.newInstance(CamundaProperty.class);
      p.setCamundaName(key);
      p.setCamundaValue(value);
      properties.addChildElement(p);
    });
  }

  /** A script task dropped on a flow: what Baton must refuse. */
  public ModelerEdits insertScriptTask(String flowId, String elementId) {
    SequenceFlow flow = model.getModelElementById(flowId);
    FlowNode oldTarget = flow.getTarget();
    Process process = (Process) flow.getParentElement();
    ScriptTask task = model.newInstance(ScriptTask.class, elementId);
    task.setScriptFormat("groovy");
    process.addChildElement(task);
    task.setScript(model.newInstance(org.camunda.bpm.model.bpmn.instance.Script.class));
    task.getScript().setTextContent("println 'hello'");
    connect(flow, oldTarget, task, elementId);
    return this;
  }

  /** Deletes an element with its flows and their shapes, as the Modeler does. */
  public ModelerEdits remove(String elementId) {
    FlowNode node = model.getModelElementById(elementId);
    java.util.List<SequenceFlow> flows = new java.util.ArrayList<>(node.getIncoming());
    flows.addAll(node.getOutgoing());
    for (SequenceFlow flow : flows) {
      flow.getSource().getOutgoing().remove(flow);
      flow.getTarget().getIncoming().remove(flow);
      removeDiagram(flow.getId());
      flow.getParentElement().removeChildElement(flow);
    }
    removeDiagram(elementId);
    node.getParentElement().removeChildElement(node);
    return this;
  }

  private void removeDiagram(String elementId) {
    for (org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram d :
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram.class)) {
      BpmnPlane plane = d.getBpmnPlane();
      for (org.camunda.bpm.model.bpmn.instance.di.DiagramElement e :
          new java.util.ArrayList<>(plane.getDiagramElements())) {
        BaseElement element = e instanceof BpmnShape s ? s.getBpmnElement()
            : e instanceof BpmnEdge ed ? ed.getBpmnElement() : null;
        if (element != null && element.getId().equals(elementId)) {
          plane.removeChildElement(e);
        }
      }
    }
  }

  /** Replaces a flow's condition expression text. */
  public ModelerEdits condition(String flowId, String expression) {
    SequenceFlow flow = model.getModelElementById(flowId);
    flow.getConditionExpression().setTextContent(expression);
    return this;
  }

  private void connect(SequenceFlow flow, FlowNode oldTarget, FlowNode task, String elementId) {
    oldTarget.getIncoming().remove(flow);
    flow.setTarget(task);
    task.getIncoming().add(flow);
    SequenceFlow next = model.newInstance(SequenceFlow.class, "Flow_" + elementId);
    ((Process) flow.getParentElement()).addChildElement(next);
    next.setSource(task);
    next.setTarget(oldTarget);
    task.getOutgoing().add(next);
    oldTarget.getIncoming().add(next);
    // the diagram: the task below the flow's middle, the two flows drawn to and from it
    BpmnEdge edge = edge(flow.getId());
    Waypoint[] points = edge.getWaypoints().toArray(new Waypoint[0]);
    double x = (points[0].getX() + points[points.length - 1].getX()) / 2 - 50;
    double y = points[0].getY() + 80;
    BpmnPlane plane = model.getModelElementsByType(BpmnPlane.class).iterator().next();
    BpmnShape shape = model.newInstance(BpmnShape.class, elementId + "_di");
    shape.setBpmnElement(task);
    Bounds bounds = model.newInstance(Bounds.class);
    bounds.setX(x);
    bounds.setY(y);
    bounds.setWidth(100);
    bounds.setHeight(80);
    shape.setBounds(bounds);
    plane.addChildElement(shape);
    Waypoint end = points[points.length - 1];
    double endX = end.getX();
    double endY = end.getY();
    end.setX(x);
    end.setY(y + 40);
    BpmnEdge nextEdge = model.newInstance(BpmnEdge.class, next.getId() + "_di");
    nextEdge.setBpmnElement(next);
    plane.addChildElement(nextEdge);
    for (double[] p : new double[][] {{x + 100, y + 40}, {endX, endY}}) {
      Waypoint w = model.newInstance(Waypoint.class);
      w.setX(p[0]);
      w.setY(p[1]);
      nextEdge.getWaypoints().add(w);
    }
  }

  private BpmnShape shape(String elementId) {
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() != null && shape.getBpmnElement().getId().equals(elementId)) {
        return shape;
      }
    }
    throw new IllegalArgumentException("no shape of " + elementId);
  }

  private BpmnEdge edge(String flowId) {
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() != null && edge.getBpmnElement().getId().equals(flowId)) {
        return edge;
      }
    }
    throw new IllegalArgumentException("no edge of " + flowId);
  }
}
