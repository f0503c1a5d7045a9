package dev.baton.llm;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How an agent task that waits out its provider's trouble says so, in the engine: the external
 * task's error message (kept by the engine with the task, seen by every node, by Cockpit and
 * by the run status) starts with {@code "waiting for the provider since <instant>: "} and goes
 * on with the cause. The instant is when the task's wait began, the start of its patience;
 * it survives node crashes and moves with the task to whichever node fetches it next. An
 * incident's message never starts so: a task retried after one waits afresh.
 */
public final class ProviderWaits {

  static final String PREFIX = "waiting for the provider since ";

  private ProviderWaits() {}

  /** The message of a task waiting since {@code since} because of {@code cause}. */
  public static String message(Instant since, String cause) {
    return PREFIX + since.truncatedTo(ChronoUnit.MILLIS) + ": " + cause;
  }

  /** When the wait of a task with this error message began; empty when it is not waiting. */
  public static Optional<Instant> since(String errorMessage) {
    if (errorMessage == null || !errorMessage.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = errorMessage.indexOf(": ", PREFIX.length());
    if (end < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(errorMessage.substring(PREFIX.length(), end)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The cause of a waiting task's message (the message itself when it is not waiting). */
  public static String cause(String errorMessage) {
    if (since(errorMessage).isEmpty()) {
      return errorMessage;
    }
    return errorMessage.substring(errorMessage.indexOf(": ", PREFIX.length()) + 2);
  }
}
