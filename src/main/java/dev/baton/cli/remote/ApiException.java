package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the server refused or could not answer: the problem's {@code detail} (RFC 7807),
 * or what went wrong on the way, and the exit code it maps to.
 *
 * @param problem the problem+json body, or null when there was none
 */
final class ApiException extends RuntimeException {

  private final int exitCode;
  private final transient JsonNode problem;

  ApiException(String message, int exitCode, JsonNode problem) {
    super(message);
    this.exitCode = exitCode;
    this.problem = problem;
  }

  int exitCode() {
    return exitCode;
  }

  JsonNode problem() {
    return problem;
  }
}
