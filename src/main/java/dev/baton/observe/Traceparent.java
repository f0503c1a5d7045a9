package dev.baton.observe;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.regex.Pattern;

/**
 * A W3C trace context as it is kept in a run's variable: {@code 00-<32 hex trace id>-<16 hex
 * span id>-<flags>}. Nothing but ids and the sampled flag, so it carries no secret.
 */
record Traceparent(String traceId, String spanId, boolean sampled) {

  private static final Pattern FORMAT =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  /** The variable's value parsed, or null for none or anything malformed. */
  public static Traceparent parse(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    var m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    return new Traceparent(m.group(1), m.group(2),
        (Integer.parseInt(m.group(3), 16) & 1) == 1);
  }

  /** The context of a span, or null when the tracer is a no-op one (no ids). */
  static Traceparent of(TraceContext context) {
    if (context == null || context.traceId() == null || context.traceId().length() != 32
        || context.spanId() == null || context.spanId().length() != 16) {
      return null;
    }
    return new Traceparent(context.traceId(), context.spanId(),
        Boolean.TRUE.equals(context.sampled()));
  }

  String format() {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  TraceContext toContext(Tracer tracer) {
    return tracer.traceContextBuilder().traceId(traceId).spanId(spanId).sampled(sampled).build();
  }
}
