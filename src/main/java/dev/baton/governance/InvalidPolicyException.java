package dev.baton.governance;

import java.nio.file.Path;
import java.util.List;

/** A policy file Baton will not start with: every problem, each naming its key. */
public class InvalidPolicyException extends RuntimeException {

  private final List<String> problems;

  InvalidPolicyException(Path file, List<String> problems) {
    super("governance policy " + file + " is not valid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
