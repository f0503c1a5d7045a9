package dev.baton.problem;

/** The request fits no longer: already decided, already ended, nothing to retry (HTTP 409). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
