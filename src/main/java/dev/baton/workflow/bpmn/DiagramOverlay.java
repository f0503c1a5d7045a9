package dev.baton.workflow.bpmn;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * Lays an analyst's diagram over compiled BPMN: every shape whose element is in both takes the
 * analyst's bounds, every edge whose flow joins the same two elements in both takes the
 * analyst's waypoints. What only the compiler has (a budget check before a new task, a timer a
 * new timeout needs) moves along with its nearest neighbour the analyst placed, and the edges
 * touching moved shapes that the analyst did not draw are routed again. Only the diagram
 * changes: the process elements stay exactly as compiled.
 */
final class DiagramOverlay {

  private static final double EPSILON = 0.5;

  private DiagramOverlay() {}

  /**
   * @param renamed compiled element id by the analyst's element id, for new tasks whose node id
   *     differs from their element id
   */
  static String apply(String compiledXml, BpmnModelInstance edited, Map<String, String> renamed) {
    BpmnModelInstance compiled = Bpmn.readModelFromStream(
        new ByteArrayInputStream(compiledXml.getBytes(StandardCharsets.UTF_8)));
    Map<String, BpmnShape> theirs = new HashMap<>();
    for (BpmnShape shape : edited.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() != null && shape.getBounds() != null) {
        String id = shape.getBpmnElement().getId();
        theirs.put(renamed.getOrDefault(id, id), shape);
      }
    }
    Map<String, double[]> delta = new HashMap<>();
    Map<String, BpmnShape> ours = new HashMap<>();
    for (BpmnShape shape : compiled.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() == null || shape.getBounds() == null) {
        continue;
      }
      String id = shape.getBpmnElement().getId();
      ours.put(id, shape);
      BpmnShape their = theirs.get(id);
      if (their != null) {
        Bounds b = shape.getBounds();
        Bounds t = their.getBounds();
        delta.put(id, new double[] {t.getX() - b.getX(), t.getY() - b.getY()});
        b.setX(t.getX());
        b.setY(t.getY());
        b.setWidth(t.getWidth());
        b.setHeight(t.getHeight());
        label(shape.getBpmnLabel(), their.getBpmnLabel(), delta.get(id));
      }
    }
    // what the analyst could not place follows its neighbour
    Map<String, List<String>> after = new HashMap<>();
    Map<String, List<String>> before = new HashMap<>();
    for (SequenceFlow f : compiled.getModelElementsByType(SequenceFlow.class)) {
      after.computeIfAbsent(f.getSource().getId(), k -> new ArrayList<>())
          .add(f.getTarget().getId());
      before.computeIfAbsent(f.getTarget().getId(), k -> new ArrayList<>())
          .add(f.getSource().getId());
    }
    Map<String, double[]> placed = new HashMap<>(delta);
    for (Map.Entry<String, BpmnShape> e : ours.entrySet()) {
      if (theirs.containsKey(e.getKey())) {
        continue;
      }
      double[] shift = follow(e.getKey(), e.getValue().getBpmnElement(), placed, after, before);
      if (shift != null && (Math.abs(shift[0]) > EPSILON || Math.abs(shift[1]) > EPSILON)) {
        Bounds b = e.getValue().getBounds();
        b.setX(b.getX() + shift[0]);
        b.setY(b.getY() + shift[1]);
        label(e.getValue().getBpmnLabel(), null, shift);
        delta.put(e.getKey(), shift);
      }
    }
    Map<String, BpmnEdge> theirEdges = new HashMap<>();
    for (BpmnEdge edge : edited.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() instanceof SequenceFlow flow) {
        theirEdges.put(flow.getId(), edge);
      }
    }
    for (BpmnEdge edge : compiled.getModelElementsByType(BpmnEdge.class)) {
      if (!(edge.getBpmnElement() instanceof SequenceFlow flow)) {
        continue;
      }
      BpmnEdge their = theirEdges.get(flow.getId());
      if (their != null && sameEnds(flow, (SequenceFlow) their.getBpmnElement(), renamed)) {
        waypoints(compiled, edge, their.getWaypoints().stream()
            .map(w -> new double[] {w.getX(), w.getY()}).toList());
        label(edge.getBpmnLabel(), their.getBpmnLabel(), null);
      } else if (moved(delta, flow.getSource().getId())
          || moved(delta, flow.getTarget().getId())) {
        BpmnShape source = ours.get(flow.getSource().getId());
        BpmnShape target = ours.get(flow.getTarget().getId());
        if (source != null && target != null) {
          waypoints(compiled, edge, route(source.getBounds(), target.getBounds(),
              flow.getSource() instanceof BoundaryEvent));
          if (edge.getBpmnLabel() != null) {
            edge.removeChildElement(edge.getBpmnLabel());
          }
        }
      }
    }
    return Bpmn.convertToString(compiled);
  }

  /** Ids of elements whose shape the analyst moved or resized (in both diagrams). */
  static List<String> moved(BpmnModelInstance base, BpmnModelInstance edited) {
    Map<String, Bounds> before = new HashMap<>();
    for (BpmnShape shape : base.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() != null && shape.getBounds() != null) {
        before.put(shape.getBpmnElement().getId(), shape.getBounds());
      }
    }
    List<String> moved = new ArrayList<>();
    for (BpmnShape shape : edited.getModelElementsByType(BpmnShape.class)) {
      Bounds b = shape.getBpmnElement() == null ? null
          : before.get(shape.getBpmnElement().getId());
      Bounds a = shape.getBounds();
      if (b != null && a != null && (differs(a.getX(), b.getX()) || differs(a.getY(), b.getY())
          || differs(a.getWidth(), b.getWidth()) || differs(a.getHeight(), b.getHeight()))) {
        moved.add(shape.getBpmnElement().getId());
      }
    }
    return moved;
  }

  private static boolean differs(Double a, Double b) {
    return a == null || b == null ? a != b : Math.abs(a - b) > EPSILON;
  }

  private static boolean moved(Map<String, double[]> delta, String id) {
    double[] d = delta.get(id);
    return d != null && (Math.abs(d[0]) > EPSILON || Math.abs(d[1]) > EPSILON);
  }

  private static boolean sameEnds(SequenceFlow ours, SequenceFlow theirs,
      Map<String, String> renamed) {
    if (theirs.getSource() == null || theirs.getTarget() == null) {
      return false;
    }
    String source = renamed.getOrDefault(theirs.getSource().getId(), theirs.getSource().getId());
    String target = renamed.getOrDefault(theirs.getTarget().getId(), theirs.getTarget().getId());
    return ours.getSource().getId().equals(source) && ours.getTarget().getId().equals(target);
  }

  /**
   * The shift of an element the analyst did not place: a boundary event's host's, else that of
   * the nearest element after it (a budget check's task), else before it.
   */
  private static double[] follow(String id, BaseElement element, Map<String, double[]> placed,
      Map<String, List<String>> after, Map<String, List<String>> before) {
    if (element instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
      return placed.get(boundary.getAttachedTo().getId());
    }
    for (Map<String, List<String>> next : List.of(after, before)) {
      Deque<String> queue = new ArrayDeque<>(List.of(id));
      Set<String> seen = new HashSet<>(queue);
      while (!queue.isEmpty()) {
        for (String to : next.getOrDefault(queue.poll(), List.of())) {
          if (!seen.add(to)) {
            continue;
          }
          if (placed.containsKey(to)) {
            return placed.get(to);
          }
          queue.add(to);
        }
      }
    }
    return null;
  }

  /** Takes the analyst's label bounds, or moves ours along by {@code shift}. */
  private static void label(BpmnLabel ours, BpmnLabel theirs, double[] shift) {
    if (ours == null || ours.getBounds() == null) {
      return;
    }
    Bounds b = ours.getBounds();
    if (theirs != null && theirs.getBounds() != null) {
      Bounds t = theirs.getBounds();
      b.setX(t.getX());
      b.setY(t.getY());
      b.setWidth(t.getWidth());
      b.setHeight(t.getHeight());
    } else if (shift != null) {
      b.setX(b.getX() + shift[0]);
      b.setY(b.getY() + shift[1]);
    }
  }

  /** Right side of the source (bottom of a boundary event) to the left side of the target. */
  private static List<double[]> route(Bounds s, Bounds t, boolean fromBelow) {
    double tx = t.getX();
    double ty = t.getY() + t.getHeight() / 2;
    if (fromBelow) {
      double sx = s.getX() + s.getWidth() / 2;
      double sy = s.getY() + s.getHeight();
      return List.of(new double[] {sx, sy}, new double[] {sx, ty}, new double[] {tx, ty});
    }
    double sx = s.getX() + s.getWidth();
    double sy = s.getY() + s.getHeight() / 2;
    if (Math.abs(sy - ty) < EPSILON) {
      return List.of(new double[] {sx, sy}, new double[] {tx, ty});
    }
    double mid = (sx + tx) / 2;
    return List.of(new double[] {sx, sy}, new double[] {mid, sy}, new double[] {mid, ty},
        new double[] {tx, ty});
  }

  private static void waypoints(BpmnModelInstance model, BpmnEdge edge, List<double[]> points) {
    if (points.size() < 2) {
      return;
    }
    edge.getWaypoints().clear();
    for (double[] p : points) {
      Waypoint waypoint = model.newInstance(Waypoint.class);
      waypoint.setX(p[0]);
      waypoint.setY(p[1]);
      edge.getWaypoints().add(waypoint);
    }
  }
}
