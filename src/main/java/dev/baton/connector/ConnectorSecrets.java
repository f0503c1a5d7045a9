package dev.baton.connector;

import dev.baton.BatonProperties;
import dev.baton.llm.SecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The values of every secret the connector definitions reference ({@code ${env:NAME}} in tools
 * and notification channels alike), for the application's redactor: a connector's token must not
 * appear in a provider's error, a log line or a tool call's record either. Definitions are files
 * that operators edit, so the folder is read again once the last reading is {@link #FRESH} old.
 */
@Component
class ConnectorSecrets implements SecretSource {

  static final Duration FRESH = Duration.ofSeconds(10);

  private final Path dir;
  private final Clock clock;
  private volatile Reading last;

  private record Reading(Instant at, List<String> values) {}

  @Autowired
  public ConnectorSecrets(BatonProperties properties) {
    this(properties.connectorsDir(), Clock.systemUTC());
  }

  ConnectorSecrets(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  @Override
  public List<String> secretValues() {
    Reading reading = last;
    Instant now = clock.instant();
    if (reading == null || reading.at().plus(FRESH).isBefore(now)) {
      reading = new Reading(now, read());
      last = reading;
    }
    return reading.values();
  }

  /** The referenced names' values (defaults are not secrets); unreadable files are skipped. */
  private List<String> read() {
    TreeSet<String> names = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          try {
            names.addAll(EnvSecrets.names(Files.readString(file), true));
          } catch (IOException | RuntimeException unreadable) {
            // reported where the definition is used; nothing to redact from it here
          }
        }
      } catch (IOException e) {
        return List.of();
      }
    }
    List<String> values = new ArrayList<>();
    for (String name : names) {
      String value = EnvSecrets.value(name);
      if (value != null && !value.isBlank()) {
        values.add(value);
      }
    }
    return List.copyOf(values);
  }
}
