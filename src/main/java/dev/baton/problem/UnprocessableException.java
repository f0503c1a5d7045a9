package dev.baton.problem;

/** Well-formed, but cannot be carried out as asked (HTTP 422), e.g. a missing justification. */
public class UnprocessableException extends RuntimeException {

  public UnprocessableException(String message) {
    super(message);
  }
}
