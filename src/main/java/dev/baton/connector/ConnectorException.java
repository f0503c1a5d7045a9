package dev.baton.connector;

/**
 * A connector call that could not be made or failed. Messages name what to fix (an unset
 * environment variable by name, a missing argument) and never contain a secret's value.
 */
public class ConnectorException extends RuntimeException {

  public enum Kind {
    /** A secret the definition references is not set. */
    NOT_CONFIGURED,
    /** The model's arguments do not fit the operation. */
    BAD_ARGUMENTS,
    /** The endpoint answered with an error status. */
    HTTP_ERROR,
    /** No answer: network failure or timeout. */
    UNREACHABLE,
    /**
     * A built-in tool refused the call by its policy (a remote or repository not allowed, a
     * path outside the workspace); nothing was done.
     */
    REFUSED,
    /** A built-in tool ran and failed (a git conflict, a rejected push). */
    FAILED
  }

  private final Kind kind;
  private final Integer status;

  public ConnectorException(Kind kind, String message, Integer status) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, when the endpoint answered. */
  public Integer status() {
    return status;
  }
}
