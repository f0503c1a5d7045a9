package dev.baton.spec;

/**
 * One thing wrong (or suspicious) in a spec.
 *
 * @param path where, as a JSONPath such as {@code $.nodes[2].dependencies[0]}; {@code $} for the
 *     whole document
 * @param message what is wrong, naming the offending value
 * @param hint what would fix it
 */
public record SpecProblem(Severity severity, String path, String message, String hint) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static SpecProblem error(String path, String message, String hint) {
    return new SpecProblem(Severity.ERROR, path, message, hint);
  }

  public static SpecProblem warning(String path, String message, String hint) {
    return new SpecProblem(Severity.WARNING, path, message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity + " " + path + ": " + message + (hint == null ? "" : " (" + hint + ")");
  }
}
