package dev.baton.privacy;

/**
 * An exception as it is logged after redaction: the original's class name and redacted message
 * as its message, the original's stack trace, its cause redacted the same way. Logged in place of
 * an exception whose message (or a cause's) held personal data.
 */
final class RedactedThrowable extends RuntimeException {

  private static final int MAX_CAUSES = 16;

  private RedactedThrowable(String message, Throwable cause, StackTraceElement[] stack) {
    super(message, cause, false, true);
    setStackTrace(stack);
  }

  /** The exception itself when no message in its chain changes, else a redacted copy. */
  static Throwable of(Throwable thrown, PiiRedactor redactor) {
    if (thrown == null || !changes(thrown, redactor)) {
      return thrown;
    }
    return copy(thrown, redactor, 0);
  }

  private static boolean changes(Throwable thrown, PiiRedactor redactor) {
    int depth = 0;
    for (Throwable t = thrown; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (message != null && !message.equals(redactor.redact(message))) {
        return true;
      }
    }
    return false;
  }

  private static Throwable copy(Throwable thrown, PiiRedactor redactor, int depth) {
    Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown
        || depth + 1 >= MAX_CAUSES ? null : copy(thrown.getCause(), redactor, depth + 1);
    String message = thrown.getMessage() == null ? thrown.getClass().getName()
        : thrown.getClass().getName() + ": " + redactor.redact(thrown.getMessage());
    return new RedactedThrowable(message, cause, thrown.getStackTrace());
  }
}
