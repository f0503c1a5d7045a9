package dev.baton.problem;

/** The request fits no longer: already decided, already ended, nothing to retry (HTTP 409). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }

  /** Only the message: Camunda quotes it to Tasklist users when a listener refuses. */
  @Override
  public String toString() {
    return getMessage();
  }
}
