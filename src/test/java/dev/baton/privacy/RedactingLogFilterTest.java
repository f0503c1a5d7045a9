package dev.baton.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What reaches an appender once the filter is installed. */
class RedactingLogFilterTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger log = context.getLogger("dev.baton.privacy.test");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final RedactingLogFilter filter = new RedactingLogFilter(Privacy.defaults());

  @BeforeEach
  void install() {
    appender.setContext(context);
    appender.start();
    log.addAppender(appender);
    log.setLevel(ch.qos.logback.classic.Level.DEBUG);
    filter.install();
  }

  @AfterEach
  void uninstall() {
    filter.uninstall();
    log.detachAppender(appender);
    log.setLevel(null);
  }

  @Test
  void aLineWithPersonalDataIsLoggedRedactedOnce() {
    log.info("node {} answered: {}", "draft", "mail jane@example.com, card 4111111111111111");

    assertThat(appender.list).hasSize(1);
    ILoggingEvent event = appender.list.get(0);
    assertThat(event.getFormattedMessage())
        .isEqualTo("node draft answered: mail [redacted:email], card [redacted:card]");
    assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
    assertThat(event.getLoggerName()).isEqualTo("dev.baton.privacy.test");
  }

  @Test
  void exceptionMessagesAreRedactedKeepingTheStackTrace() {
    IllegalStateException cause = new IllegalStateException("phone +1 415 555 0134");
    RuntimeException thrown = new RuntimeException("wrapped", cause);
    log.warn("failed for {}", "x", thrown);

    assertThat(appender.list).hasSize(1);
    var proxy = appender.list.get(0).getThrowableProxy();
    assertThat(proxy.getMessage()).isEqualTo("java.lang.RuntimeException: wrapped");
    assertThat(proxy.getCause().getMessage())
        .isEqualTo("java.lang.IllegalStateException: phone [redacted:phone]");
    assertThat(proxy.getStackTraceElementProxyArray()).isNotEmpty();
  }

  @Test
  void cleanLinesAndDisabledLevelsPassUntouched() {
    log.info("run {} completed in {} ms", "6f1c0e4d-0a1b-4c2d-9e8f-001122334455", 1234);
    log.trace("mail jane@example.com");

    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage())
        .isEqualTo("run 6f1c0e4d-0a1b-4c2d-9e8f-001122334455 completed in 1234 ms");
  }

  @Test
  void keyValuePairsOfTheFluentApiAreRedactedAndKept() {
    log.atWarn().addKeyValue("event", "node.failed").addKeyValue("reason", "mail jane@example.com")
        .log("event=node.failed");

    assertThat(appender.list).hasSize(1);
    ILoggingEvent event = appender.list.get(0);
    assertThat(event.getFormattedMessage()).isEqualTo("event=node.failed");
    assertThat(event.getKeyValuePairs()).extracting(p -> p.key + "=" + p.value)
        .containsExactly("event=node.failed", "reason=mail [redacted:email]");
  }

  @Test
  void fluentLoggingIsRedactedToo() {
    log.atInfo().addKeyValue("event", "x").log("mail jane@example.com");

    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage()).isEqualTo("mail [redacted:email]");
  }
}
