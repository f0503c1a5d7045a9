package dev.baton.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be compiled, with every error found in it. */
public class InvalidSpecException extends RuntimeException {

  private final transient List<SpecProblem> problems;
  private final transient List<SpecProblem> warnings;

  public InvalidSpecException(List<SpecProblem> problems) {
    this(problems, List.of());
  }

  /** @param warnings what else the checks found, reported with the errors */
  public InvalidSpecException(List<SpecProblem> problems, List<SpecProblem> warnings) {
    super(
        "workflow spec has "
            + problems.size()
            + " error(s): "
            + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public List<SpecProblem> warnings() {
    return warnings;
  }

  public List<SpecProblem> problems() {
    return problems;
  }
}
