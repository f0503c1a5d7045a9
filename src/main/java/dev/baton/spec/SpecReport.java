package dev.baton.spec;

import java.util.List;

/**
 * The outcome of reading a spec: every problem found, and the bound spec when there was no
 * error (warnings alone do not stop a spec).
 *
 * @param tree the document as parsed, when it was within the structural limits (size, depth,
 *     counts) and readable, so later checks may look at it even when it has errors; else null
 */
public record SpecReport(WorkflowSpec spec, List<SpecProblem> problems,
    com.fasterxml.jackson.databind.JsonNode tree) implements ProblemList {

  public SpecReport {
    problems = List.copyOf(problems);
  }

  public SpecReport(WorkflowSpec spec, List<SpecProblem> problems) {
    this(spec, problems, null);
  }

  public boolean valid() {
    return spec != null && errors().isEmpty();
  }

  /** The spec, or an exception listing every error. */
  public WorkflowSpec orThrow() {
    if (!valid()) {
      throw new InvalidSpecException(errors());
    }
    return spec;
  }
}
