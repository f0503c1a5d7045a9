package dev.baton.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be compiled, with every error found in it. */
public class InvalidSpecException extends RuntimeException {

  private final transient List<SpecProblem> problems;

  public InvalidSpecException(List<SpecProblem> problems) {
    super(
        "workflow spec has "
            + problems.size()
            + " error(s): "
            + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<SpecProblem> problems() {
    return problems;
  }
}
