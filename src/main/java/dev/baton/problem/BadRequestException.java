package dev.baton.problem;

/** The request itself is malformed or incomplete (HTTP 400). */
public class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message);
  }

  /** Only the message: Camunda quotes it to Tasklist users when a listener refuses. */
  @Override
  public String toString() {
    return getMessage();
  }
}
