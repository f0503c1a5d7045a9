package dev.baton.problem;

/** The request itself is malformed or incomplete (HTTP 400). */
public class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message);
  }
}
