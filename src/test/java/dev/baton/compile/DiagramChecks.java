package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Checks of a compiled diagram (BPMN DI) that hold for any layout: reusable by the compiler
 * tests and by the layout's own tests.
 */
public final class DiagramChecks {

  private DiagramChecks() {}

  public static BpmnModelInstance parse(String bpmnXml) {
    return Bpmn.readModelFromStream(
        new ByteArrayInputStream(bpmnXml.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Every flow node (boundary events, sub-processes and what they contain included) has a
   * shape with a positive size, and every sequence flow has an edge with at least two
   * waypoints.
   */
  public static void assertComplete(String bpmnXml) {
    BpmnModelInstance model = parse(bpmnXml);
    List<String> problems = new ArrayList<>();
    Map<String, List<BpmnShape>> shapesById = new HashMap<>();
    for (BpmnShape s : model.getModelElementsByType(BpmnShape.class)) {
      if (s.getBpmnElement() != null) {
        shapesById.computeIfAbsent(s.getBpmnElement().getId(), k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, List<BpmnEdge>> edgesById = new HashMap<>();
    for (BpmnEdge e : model.getModelElementsByType(BpmnEdge.class)) {
      if (e.getBpmnElement() != null) {
        edgesById.computeIfAbsent(e.getBpmnElement().getId(), k -> new ArrayList<>()).add(e);
      }
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      List<BpmnShape> shapes = shapesById.getOrDefault(node.getId(), List.of());
      if (shapes.size() != 1) {
        problems.add(node.getId() + " has " + shapes.size() + " shapes");
        continue;
      }
      Bounds b = shapes.get(0).getBounds();
      if (b == null || b.getWidth() <= 0 || b.getHeight() <= 0) {
        problems.add(node.getId() + " has a shape without a size");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      List<BpmnEdge> edges = edgesById.getOrDefault(flow.getId(), List.of());
      if (edges.size() != 1) {
        problems.add(flow.getId() + " has " + edges.size() + " edges");
      } else if (edges.get(0).getWaypoints().size() < 2) {
        problems.add(flow.getId() + " has " + edges.get(0).getWaypoints().size()
            + " waypoint(s)");
      }
    }
    if (!problems.isEmpty()) {
      fail("incomplete diagram:\n  " + String.join("\n  ", problems));
    }
  }

  /**
   * No two shapes of a diagram plane overlap, except boundary events (which sit on their
   * host's border) and the elements drawn inside an expanded sub-process (which overlap only
   * that sub-process). Touching borders do not count.
   */
  public static void assertNoOverlaps(String bpmnXml) {
    BpmnModelInstance model = parse(bpmnXml);
    List<String> overlaps = new ArrayList<>();
    for (BpmnDiagram diagram : model.getModelElementsByType(BpmnDiagram.class)) {
      BpmnPlane plane = diagram.getBpmnPlane();
      List<BpmnShape> shapes = plane.getChildElementsByType(BpmnShape.class).stream()
          .filter(s -> !(s.getBpmnElement() instanceof BoundaryEvent))
          .toList();
      for (int i = 0; i < shapes.size(); i++) {
        for (int j = i + 1; j < shapes.size(); j++) {
          BpmnShape a = shapes.get(i);
          BpmnShape b = shapes.get(j);
          if (contains(a.getBpmnElement(), b.getBpmnElement())
              || contains(b.getBpmnElement(), a.getBpmnElement())) {
            continue;
          }
          if (intersect(a.getBounds(), b.getBounds())) {
            overlaps.add(describe(a) + " overlaps " + describe(b));
          }
        }
      }
    }
    if (!overlaps.isEmpty()) {
      fail(overlaps.size() + " overlapping shape(s):\n  "
          + String.join("\n  ", overlaps.subList(0, Math.min(20, overlaps.size()))));
    }
  }

  /** Whether {@code inner} is drawn inside {@code outer}: a sub-process's own element. */
  private static boolean contains(BaseElement outer, BaseElement inner) {
    if (!(outer instanceof SubProcess)) {
      return false;
    }
    for (ModelElementInstance p = inner.getParentElement(); p != null;
        p = p.getParentElement()) {
      if (p == outer) {
        return true;
      }
    }
    return false;
  }

  private static boolean intersect(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
  }

  private static String describe(BpmnShape s) {
    Bounds b = s.getBounds();
    return s.getBpmnElement().getId() + " [" + b.getX() + "," + b.getY() + " "
        + b.getWidth() + "x" + b.getHeight() + "]";
  }

  /** Convenience for tests that want the model too. */
  static BpmnModelInstance assertValid(String bpmnXml) {
    BpmnModelInstance model = parse(bpmnXml);
    Bpmn.validateModel(model);
    assertThat(model.getDefinitions()).isNotNull();
    return model;
  }
}
