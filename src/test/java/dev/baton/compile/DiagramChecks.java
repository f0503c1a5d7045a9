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

  /**
   * The pairs of sequence flows whose drawn routes cross: a segment of one passes through the
   * interior of a segment of the other. Flows that only meet at a shared end (a gateway's
   * branches, a join's arrivals) or run along each other do not count.
   */
  public static List<String> crossings(String bpmnXml) {
    BpmnModelInstance model = parse(bpmnXml);
    List<BpmnEdge> edges = List.copyOf(model.getModelElementsByType(BpmnEdge.class));
    List<String> crossings = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      for (int j = i + 1; j < edges.size(); j++) {
        var a = edges.get(i).getWaypoints().stream().toList();
        var b = edges.get(j).getWaypoints().stream().toList();
        for (int k = 0; k + 1 < a.size(); k++) {
          for (int l = 0; l + 1 < b.size(); l++) {
            if (properlyCross(a.get(k).getX(), a.get(k).getY(), a.get(k + 1).getX(),
                a.get(k + 1).getY(), b.get(l).getX(), b.get(l).getY(), b.get(l + 1).getX(),
                b.get(l + 1).getY())) {
              crossings.add(edges.get(i).getBpmnElement().getId() + " x "
                  + edges.get(j).getBpmnElement().getId());
            }
          }
        }
      }
    }
    return crossings;
  }

  private static boolean properlyCross(double ax, double ay, double bx, double by, double cx,
      double cy, double dx, double dy) {
    return side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0
        && side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0;
  }

  /** Which side of the line a→b the point c lies on: -1, 0 (on it) or 1. */
  private static int side(double ax, double ay, double bx, double by, double cx, double cy) {
    return (int) Math.signum((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
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
