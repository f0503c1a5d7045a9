package dev.baton.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured log line: {@code event=run.started run=… workflow=… tenant=… trace=…}, the
 * same pairs also as key-value pairs of the logging event, so that the JSON format (profile
 * {@code json-logs}) has them as fields. Values with spaces or quotes are quoted. Only ids,
 * states, counts and Baton's own reasons go in, never prompts, outputs or secrets.
 */
final class EventLine {

  private final String event;
  private final Map<String, Object> pairs = new LinkedHashMap<>();

  private EventLine(String event) {
    this.event = event;
  }

  static EventLine of(String event) {
    return new EventLine(event);
  }

  /** Adds a pair; a null or empty value is left out. */
  EventLine with(String key, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      pairs.put(key, value);
    }
    return this;
  }

  String text() {
    StringBuilder line = new StringBuilder("event=").append(event);
    pairs.forEach((key, value) -> line.append(' ').append(key).append('=')
        .append(quoted(value.toString())));
    return line.toString();
  }

  void log(Logger log, Level level) {
    LoggingEventBuilder builder = log.atLevel(level).addKeyValue("event", event);
    for (Map.Entry<String, Object> pair : pairs.entrySet()) {
      builder = builder.addKeyValue(pair.getKey(), pair.getValue());
    }
    builder.log(text());
  }

  private static String quoted(String value) {
    String flat = value.replace('\n', ' ').replace('\r', ' ');
    if (flat.length() > 300) {
      flat = flat.substring(0, 300) + "...";
    }
    if (flat.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=')) {
      return flat;
    }
    return '"' + flat.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
