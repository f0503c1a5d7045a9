package dev.baton.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local OTLP/HTTP trace receiver: accepts {@code POST /v1/traces} with a protobuf {@code
 * ExportTraceServiceRequest}, as OpenTelemetry's exporter sends it, and keeps the spans. The
 * few fields read (ids, name, times, attributes) are decoded from the protobuf wire format
 * directly, per opentelemetry-proto's trace.proto and common.proto.
 */
final class OtlpReceiver implements AutoCloseable {

  /** One received span; attribute values are String, Long, Double or Boolean. */
  record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name,
      long startNanos, long endNanos, Map<String, Object> attributes) {}

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  OtlpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/v1/traces", exchange -> {
      try (exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        spans.addAll(decodeRequest(body));
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
      }
    });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
  static List<ReceivedSpan> decodeRequest(byte[] body) {
    List<ReceivedSpan> out = new ArrayList<>();
    for (Field resourceSpans : fields(body)) {
      if (resourceSpans.number == 1) {
        // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
        for (Field scopeSpans : fields(resourceSpans.bytes)) {
          if (scopeSpans.number == 2) {
            // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
            for (Field span : fields(scopeSpans.bytes)) {
              if (span.number == 2) {
                out.add(span(span.bytes));
              }
            }
          }
        }
      }
    }
    return out;
  }

  // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5;
  //        fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  //        repeated KeyValue attributes = 9; }
  private static ReceivedSpan span(byte[] bytes) {
    String traceId = "";
    String spanId = "";
    String parent = "";
    String name = "";
    long start = 0;
    long end = 0;
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (Field f : fields(bytes)) {
      switch (f.number) {
        case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
        case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
        case 4 -> parent = HexFormat.of().formatHex(f.bytes);
        case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
        case 7 -> start = f.value;
        case 8 -> end = f.value;
        case 9 -> keyValue(f.bytes, attributes);
        default -> { }
      }
    }
    return new ReceivedSpan(traceId, spanId, parent, name, start, end, attributes);
  }

  // KeyValue { string key = 1; AnyValue value = 2; }
  // AnyValue { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
  //            double double_value = 4; ... }
  private static void keyValue(byte[] bytes, Map<String, Object> into) {
    String key = null;
    Object value = null;
    for (Field f : fields(bytes)) {
      if (f.number == 1) {
        key = new String(f.bytes, StandardCharsets.UTF_8);
      } else if (f.number == 2) {
        for (Field v : fields(f.bytes)) {
          value = switch (v.number) {
            case 1 -> new String(v.bytes, StandardCharsets.UTF_8);
            case 2 -> v.value != 0;
            case 3 -> v.value;
            case 4 -> Double.longBitsToDouble(v.value);
            default -> value;
          };
        }
      }
    }
    if (key != null) {
      into.put(key, value);
    }
  }

  /** One field of a message: a varint or fixed value, or the bytes of a length-delimited one. */
  private record Field(int number, long value, byte[] bytes) {}

  private static List<Field> fields(byte[] message) {
    List<Field> fields = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) {
      long tag = varint(in);
      int number = (int) (tag >>> 3);
      switch ((int) (tag & 7)) {
        case 0 -> fields.add(new Field(number, varint(in), null));
        case 1 -> fields.add(new Field(number, in.getLong(), null));
        case 2 -> {
          byte[] bytes = new byte[(int) varint(in)];
          in.get(bytes);
          fields.add(new Field(number, 0, bytes));
        }
        case 5 -> fields.add(new Field(number, in.getInt(), null));
        default -> throw new IllegalArgumentException("unsupported wire type in " + tag);
      }
    }
    return fields;
  }

  private static long varint(ByteBuffer in) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed varint");
  }
}
