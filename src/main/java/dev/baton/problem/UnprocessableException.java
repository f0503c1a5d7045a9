package dev.baton.problem;

import java.util.List;
import java.util.Map;

/** Well-formed, but cannot be carried out as asked (HTTP 422), e.g. a missing justification. */
public class UnprocessableException extends RuntimeException {

  private final List<Map<String, String>> errors;

  public UnprocessableException(String message) {
    this(message, List.of());
  }

  /**
   * @param errors each thing that could not be done, as the problem's {@code errors} (e.g.
   *     {@code element_id}, {@code message}, {@code hint} for a refused BPMN edit)
   */
  public UnprocessableException(String message, List<Map<String, String>> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public List<Map<String, String>> errors() {
    return errors;
  }

  /** Only the message: Camunda quotes it to Tasklist users when a listener refuses. */
  @Override
  public String toString() {
    return getMessage();
  }
}
