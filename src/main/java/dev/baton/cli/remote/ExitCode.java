package dev.baton.cli.remote;

/**
 * What a remote command's exit code means, so scripts can branch on it. Picocli itself answers
 * {@link #USAGE} for a command line it cannot read.
 */
final class ExitCode {

  /** Done; for {@code runs watch}: the run completed. */
  public static final int OK = 0;
  /** The thing asked about failed: a run failed, was aborted or rejected; a spec is invalid. */
  public static final int FAILED = 1;
  /** The command line or the request is malformed (HTTP 400, 413, 415). */
  public static final int USAGE = 2;
  /** No such workflow, run, approval, agent or budget (HTTP 404). */
  public static final int NOT_FOUND = 3;
  /** Wrong credentials or a role that does not allow it (HTTP 401, 403). */
  public static final int DENIED = 4;
  /** The state does not allow it: already decided, already ended, nothing to retry (409). */
  public static final int CONFLICT = 5;
  /** The server cannot be reached, is overloaded (429) or failed (5xx); try again later. */
  public static final int UNAVAILABLE = 6;
  /** {@code runs watch --timeout}: the run had not ended when the time was up. */
  public static final int STILL_RUNNING = 7;

  private ExitCode() {}

  static int of(int httpStatus) {
    return switch (httpStatus) {
      case 401, 403 -> DENIED;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      case 422 -> FAILED;
      case 429 -> UNAVAILABLE;
      default -> httpStatus >= 500 ? UNAVAILABLE : USAGE;
    };
  }
}
