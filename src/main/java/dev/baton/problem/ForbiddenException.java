package dev.baton.problem;

/** The caller may not do this (HTTP 403). */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }

  /** Only the message: Camunda quotes it to Tasklist users when a listener refuses. */
  @Override
  public String toString() {
    return getMessage();
  }
}
