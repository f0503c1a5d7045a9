package dev.baton.spec;

import java.util.List;

/** What a check found: every problem, and its errors and warnings apart. */
public interface ProblemList {

  List<SpecProblem> problems();

  default List<SpecProblem> errors() {
    return problems().stream().filter(SpecProblem::isError).toList();
  }

  default List<SpecProblem> warnings() {
    return problems().stream().filter(p -> !p.isError()).toList();
  }
}
