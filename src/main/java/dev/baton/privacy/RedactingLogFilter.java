package dev.baton.privacy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;

/**
 * Keeps personal data out of every log line, Baton's and the libraries' (Camunda, Spring) alike,
 * whatever the output format (plain, JSON, a file): a logging call whose formatted message or
 * exception messages hold something a detector finds is dropped and logged again, redacted, from
 * the same logger at the same level. A logback turbo filter sees each call before any appender
 * does. Calls below the logger's level cost a level check only; the others are formatted once
 * more and scanned (linear in the message). Off with {@code baton.privacy.logs=false}.
 *
 * <p>What changes in a redacted line: caller data is not carried over (nor the key-value pairs
 * of a classic call; those of the fluent API are, redacted), and an exception is replaced by a
 * {@link RedactedThrowable} with the same stack trace.
 */
@Component
class RedactingLogFilter extends TurboFilter {

  private static final String FQCN = Logger.class.getName();
  private static final ThreadLocal<Boolean> RELOGGING = new ThreadLocal<>();

  private final PiiRedactor redactor;
  private final boolean on;

  RedactingLogFilter(Privacy privacy) {
    this.redactor = privacy.redactor();
    this.on = privacy.settings().logs() && redactor.active();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    // level checks (format null) and our own second call pass at once
    if (format == null || RELOGGING.get() != null || !logger.isEnabledFor(level)) {
      return FilterReply.NEUTRAL;
    }
    // without an explicit throwable, SLF4J takes a trailing Throwable parameter for one
    FormattingTuple tuple = t == null ? MessageFormatter.arrayFormat(format, params)
        : MessageFormatter.arrayFormat(format, params, t);
    String message = tuple.getMessage();
    Throwable thrown = tuple.getThrowable();
    String redacted = redactor.redact(message);
    Throwable redactedThrown = RedactedThrowable.of(thrown, redactor);
    if (redacted.equals(message) && redactedThrown == thrown) {
      return FilterReply.NEUTRAL;
    }
    RELOGGING.set(Boolean.TRUE);
    try {
      logger.log(marker, FQCN, Level.toLocationAwareLoggerInteger(level), redacted, null,
          redactedThrown);
    } finally {
      RELOGGING.remove();
    }
    return FilterReply.DENY;
  }

  /**
   * The fluent API's events ({@code log.atInfo().addKeyValue(...)}, the event log of {@code
   * observe}): their key-value pairs are fields of their own in JSON logs, so they are checked
   * and carried over redacted.
   */
  @Override
  public FilterReply decide(Logger logger, org.slf4j.event.LoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs == null || pairs.isEmpty() || RELOGGING.get() != null
        || !logger.isEnabledFor(Level.convertAnSLF4JLevel(event.getLevel()))) {
      return super.decide(logger, event);
    }
    String message = event.getArgumentArray() == null ? event.getMessage()
        : MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray());
    String redacted = message == null ? null : redactor.redact(message);
    Throwable thrown = RedactedThrowable.of(event.getThrowable(), redactor);
    boolean changed = !java.util.Objects.equals(message, redacted)
        || thrown != event.getThrowable();
    List<KeyValuePair> redactedPairs = new ArrayList<>(pairs.size());
    for (KeyValuePair pair : pairs) {
      Object value = pair.value;
      if (value != null) {
        String text = value.toString();
        String clean = redactor.redact(text);
        if (!clean.equals(text)) {
          value = clean;
          changed = true;
        }
      }
      redactedPairs.add(new KeyValuePair(pair.key, value));
    }
    if (!changed) {
      return FilterReply.NEUTRAL;
    }
    RELOGGING.set(Boolean.TRUE);
    try {
      LoggingEventBuilder builder = logger.makeLoggingEventBuilder(event.getLevel());
      for (KeyValuePair pair : redactedPairs) {
        builder = builder.addKeyValue(pair.key, pair.value);
      }
      if (thrown != null) {
        builder = builder.setCause(thrown);
      }
      builder.log(redacted);
    } finally {
      RELOGGING.remove();
    }
    return FilterReply.DENY;
  }

  @PostConstruct
  void install() {
    if (on && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      setName("baton-pii-redaction");
      setContext(context);
      start();
      // last: a filter before it that drops a line (RetriedConflictLogFilter) drops it for good
      context.addTurboFilter(this);
    }
  }

  @PreDestroy
  void uninstall() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getTurboFilterList().remove(this);
    }
  }
}
