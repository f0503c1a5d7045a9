package dev.baton.compile;

import dev.baton.compile.layout.Layout;
import dev.baton.contract.SpecSource;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;

/**
 * Writes a {@link ProcessPlan} and its {@link Layout} as BPMN XML through the Camunda Model API
 * (which checks the result against the BPMN schema): the process elements through {@link
 * BpmnElementWriter}, the diagram through {@link BpmnDiagramWriter}. Every id is set explicitly:
 * the fluent builder's random ids would make each compile a new process version, and the order
 * of the writes is the order of the XML, so it stays fixed here.
 */
final class BpmnWriter {

  private final CompilerSettings settings;

  BpmnWriter(CompilerSettings settings) {
    this.settings = settings;
  }

  String write(ProcessPlan plan, Layout layout) {
    return write(plan, layout, Map.of());
  }

  /** @param documentation text by element id (the process key for the process itself) */
  String write(ProcessPlan plan, Layout layout, Map<String, String> documentation) {
    return write(plan, layout, documentation, null);
  }

  /** @param source the spec's source, written on the process; null for none */
  String write(ProcessPlan plan, Layout layout, Map<String, String> documentation,
      SpecSource source) {
    BpmnModelInstance model = Bpmn.createEmptyModel();
    BpmnElementWriter elements = new BpmnElementWriter(model, settings);
    Process process = elements.process(plan);
    if (source != null) {
      elements.source(source);
    }
    BpmnDiagramWriter diagram = new BpmnDiagramWriter(model, elements.definitionsElement(), process);
    elements.elements(plan);
    documentation.forEach(elements::document);
    plan.elements().forEach(e -> diagram.shape(e, elements.node(e.id()), layout));
    plan.flows().forEach(f -> diagram.edge(f, layout));
    double bottom = DiagramLayout.bottom(layout);
    if (plan.slaTimer() != null) {
      diagram.eventSubProcess(elements.slaSubProcess(plan.slaTimer()), 150, bottom + 60);
    }
    if (plan.budgetWatch()) {
      diagram.eventSubProcess(
          elements.budgetSubProcess(), plan.slaTimer() != null ? 500 : 150, bottom + 60);
    }
    return Bpmn.convertToString(model);
  }
}
