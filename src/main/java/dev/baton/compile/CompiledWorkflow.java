package dev.baton.compile;

/**
 * The result of compiling a spec.
 *
 * @param processKey the BPMN process id (the workflow's slug)
 * @param bpmnXml BPMN 2.0 XML with diagram interchange; byte-identical for identical input
 */
public record CompiledWorkflow(String processKey, String bpmnXml) {

  public String resourceName() {
    return processKey + ".bpmn";
  }
}
