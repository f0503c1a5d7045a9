package dev.baton.compile;

import dev.baton.compile.PlanElement.Kind;
import dev.baton.compile.layout.Layout;
import dev.baton.compile.layout.Point;
import dev.baton.contract.BpmnConventions;
import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * Writes the diagram (BPMNDI) of a compiled process: a shape per flow node and an edge per
 * sequence flow, from the {@link Layout}, with deterministic ids derived from the element ids.
 */
final class BpmnDiagramWriter {

  private final BpmnModelInstance model;
  private final BpmnPlane plane;

  /** Adds the diagram and its plane for {@code process} to the definitions. */
  BpmnDiagramWriter(BpmnModelInstance model, Definitions definitions, Process process) {
    this.model = model;
    BpmnDiagram diagram =
        model.newInstance(BpmnDiagram.class, "diagram" + BpmnConventions.SEP + process.getId());
    plane = model.newInstance(BpmnPlane.class, "plane" + BpmnConventions.SEP + process.getId());
    plane.setBpmnElement(process);
    diagram.setBpmnPlane(plane);
    definitions.addChildElement(diagram);
  }

  void shape(PlanElement e, BaseElement node, Layout layout) {
    dev.baton.compile.layout.Bounds b = layout.nodes().get(e.id());
    BpmnShape shape = shape(node, b.x(), b.y(), b.width(), b.height(),
        layout.labels().get(e.id()));
    if (e.kind() == Kind.EXCLUSIVE_GATEWAY) {
      shape.setMarkerVisible(true);
    }
  }

  void edge(PlanFlow f, Layout layout) {
    BpmnEdge edge = model.newInstance(BpmnEdge.class, f.id() + "_di");
    edge.setBpmnElement(model.getModelElementById(f.id()));
    List<Point> points = layout.edges().get(f.id());
    points.forEach(p -> edge.addChildElement(waypoint(p.x(), p.y())));
    dev.baton.compile.layout.Bounds label = layout.labels().get(f.id());
    if (label != null) {
      edge.setBpmnLabel(label(f.id(), label));
    }
    BpmnElementWriter.append(plane, edge);
  }

  /** An event subprocess laid out as a fixed frame with its start and end, below the flow. */
  void eventSubProcess(BpmnElementWriter.EventSubProcess parts, double x, double y) {
    shape(parts.sub(), x, y, 300, 140, null).setExpanded(true);
    shape(parts.start(), x + 50, y + 52, 36, 36, labelBounds(x + 50, y + 52 + 40, 36));
    shape(parts.end(), x + 210, y + 52, 36, 36, labelBounds(x + 210, y + 52 + 40, 36));
    BpmnEdge edge = model.newInstance(BpmnEdge.class, parts.flow().getId() + "_di");
    edge.setBpmnElement(parts.flow());
    edge.addChildElement(waypoint(x + 86, y + 70));
    edge.addChildElement(waypoint(x + 210, y + 70));
    BpmnElementWriter.append(plane, edge);
  }

  private dev.baton.compile.layout.Bounds labelBounds(double x, double y, double width) {
    return new dev.baton.compile.layout.Bounds(x - 30, y, width + 60, 27);
  }

  private BpmnShape shape(BaseElement element, double x, double y, double w, double h,
      dev.baton.compile.layout.Bounds label) {
    BpmnShape shape = model.newInstance(BpmnShape.class, element.getId() + "_di");
    shape.setBpmnElement(element);
    shape.setBounds(bounds(x, y, w, h));
    if (label != null) {
      shape.setBpmnLabel(label(element.getId(), label));
    }
    BpmnElementWriter.append(plane, shape);
    return shape;
  }

  private BpmnLabel label(String ownerId, dev.baton.compile.layout.Bounds b) {
    BpmnLabel label = model.newInstance(BpmnLabel.class, ownerId + "_label");
    label.setBounds(bounds(b.x(), b.y(), b.width(), b.height()));
    return label;
  }

  private Bounds bounds(double x, double y, double w, double h) {
    Bounds bounds = model.newInstance(Bounds.class);
    bounds.setX(Math.round(x));
    bounds.setY(Math.round(y));
    bounds.setWidth(Math.round(w));
    bounds.setHeight(Math.round(h));
    return bounds;
  }

  private Waypoint waypoint(double x, double y) {
    Waypoint waypoint = model.newInstance(Waypoint.class);
    waypoint.setX(Math.round(x));
    waypoint.setY(Math.round(y));
    return waypoint;
  }
}
