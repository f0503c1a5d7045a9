package dev.baton.problem;

/** Well-formed, but cannot be carried out as asked (HTTP 422), e.g. a missing justification. */
public class UnprocessableException extends RuntimeException {

  public UnprocessableException(String message) {
    super(message);
  }

  /** Only the message: Camunda quotes it to Tasklist users when a listener refuses. */
  @Override
  public String toString() {
    return getMessage();
  }
}
