package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.api.Test;

/** The diagram checks catch what they claim to: they are not vacuously true. */
class DiagramChecksTest {

  private static String diamond() throws IOException {
    return new BpmnCompiler().compile("diamond", new SpecReader(AgentTypes.BUILT_IN)
        .read(Files.readString(Path.of("processes/diamond.json"))).orThrow()).bpmnXml();
  }

  private static BpmnShape shape(BpmnModelInstance model, String elementId) {
    return model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement().getId().equals(elementId)).findFirst().orElseThrow();
  }

  @Test
  void shapeMovedOntoAnotherIsAnOverlap() throws IOException {
    BpmnModelInstance model = DiagramChecks.parse(diamond());
    Bounds target = shape(model, "b").getBounds();
    Bounds moved = shape(model, "c").getBounds();
    moved.setX(target.getX() + 10);
    moved.setY(target.getY() + 10);

    assertThatThrownBy(() -> DiagramChecks.assertNoOverlaps(Bpmn.convertToString(model)))
        .hasMessageContaining("c [").hasMessageContaining("b [");
  }

  @Test
  void touchingShapesDoNotOverlap() throws IOException {
    BpmnModelInstance model = DiagramChecks.parse(diamond());
    // move b and c far away from everything else, c's left border on b's right border
    Bounds left = shape(model, "b").getBounds();
    Bounds right = shape(model, "c").getBounds();
    left.setX(10_000);
    left.setY(10_000);
    right.setX(10_000 + left.getWidth());
    right.setY(10_000);

    assertThatCode(() -> DiagramChecks.assertNoOverlaps(Bpmn.convertToString(model)))
        .doesNotThrowAnyException();
  }

  @Test
  void aFlowDrawnAcrossAnotherIsACrossingAndSharedEndsAreNot() throws IOException {
    String xml = diamond();
    assertThat(DiagramChecks.crossings(xml)).isEmpty(); // the branches share their gateways
    BpmnModelInstance model = DiagramChecks.parse(xml);
    BpmnEdge[] edges = model.getModelElementsByType(BpmnEdge.class).toArray(BpmnEdge[]::new);
    // redraw one flow as a vertical stroke through the middle of another's horizontal segment
    BpmnEdge crossed = null;
    double midX = 0;
    double y = 0;
    for (BpmnEdge edge : edges) {
      var p = edge.getWaypoints().stream().toList();
      for (int i = 0; crossed == null && i + 1 < p.size(); i++) {
        if (p.get(i).getY().equals(p.get(i + 1).getY())
            && Math.abs(p.get(i).getX() - p.get(i + 1).getX()) > 10) {
          crossed = edge;
          midX = (p.get(i).getX() + p.get(i + 1).getX()) / 2;
          y = p.get(i).getY();
        }
      }
    }
    assertThat(crossed).isNotNull();
    BpmnEdge drawn = edges[0] == crossed ? edges[1] : edges[0];
    var points = drawn.getWaypoints().stream().toList();
    for (int i = 0; i < points.size(); i++) {
      points.get(i).setX(midX);
      points.get(i).setY(i < points.size() / 2 ? y - 50 : y + 50);
    }
    assertThat(DiagramChecks.crossings(Bpmn.convertToString(model)))
        .contains(crossingOf(edges, drawn, crossed));
  }

  /** How {@link DiagramChecks#crossings} names a pair: in the order of the edges in the XML. */
  private static String crossingOf(BpmnEdge[] edges, BpmnEdge a, BpmnEdge b) {
    boolean aFirst = java.util.Arrays.asList(edges).indexOf(a)
        < java.util.Arrays.asList(edges).indexOf(b);
    BpmnEdge first = aFirst ? a : b;
    BpmnEdge second = aFirst ? b : a;
    return first.getBpmnElement().getId() + " x " + second.getBpmnElement().getId();
  }

  @Test
  void missingShapeAndEdgeAreIncomplete() throws IOException {
    BpmnModelInstance model = DiagramChecks.parse(diamond());
    BpmnShape shape = shape(model, "d");
    shape.getParentElement().removeChildElement(shape);
    BpmnEdge edge = model.getModelElementsByType(BpmnEdge.class).iterator().next();
    String flowId = edge.getBpmnElement().getId();
    edge.getParentElement().removeChildElement(edge);

    assertThatThrownBy(() -> DiagramChecks.assertComplete(Bpmn.convertToString(model)))
        .hasMessageContaining("d has 0 shapes")
        .hasMessageContaining(flowId + " has 0 edges");
  }
}
