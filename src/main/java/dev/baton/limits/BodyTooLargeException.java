package dev.baton.limits;

import java.io.IOException;
import org.springframework.http.ProblemDetail;

/**
 * Thrown while reading a body without a declared length once it passes the limit. The JSON
 * converter wraps it; the API's problem handler finds it in the causes and answers 413.
 */
public class BodyTooLargeException extends IOException {

  private final long max;

  BodyTooLargeException(long max) {
    super("the request body is over " + max + " bytes");
    this.max = max;
  }

  /** The 413 problem for it. */
  public ProblemDetail problem() {
    return RequestSizeFilter.problem("the request body is over " + max + " bytes", max);
  }
}
