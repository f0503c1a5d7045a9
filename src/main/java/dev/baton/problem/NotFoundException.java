package dev.baton.problem;

/** Something the caller named does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }

  /** Only the message: Camunda quotes it to Tasklist users when a listener refuses. */
  @Override
  public String toString() {
    return getMessage();
  }
}
