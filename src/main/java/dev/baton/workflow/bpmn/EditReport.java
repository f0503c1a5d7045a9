package dev.baton.workflow.bpmn;

import java.util.List;

/**
 * What became of an analyst's edits of a deployed BPMN.
 *
 * @param baseVersion the workflow version the BPMN was downloaded from; null for a BPMN Baton
 *     did not compile
 * @param applied edits carried into the new version (its spec, or its diagram's layout)
 * @param ignored edits that change nothing a run does and were not kept (names of elements
 *     Baton generates, annotations)
 */
public record EditReport(Integer baseVersion, List<Edit> applied, List<Edit> ignored) {

  public EditReport {
    applied = List.copyOf(applied);
    ignored = List.copyOf(ignored);
  }
}
