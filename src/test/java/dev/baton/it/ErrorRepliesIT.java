package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sweep of malformed URLs, wrong methods, unacceptable or unsupported media types, bodies too
 * large and bad credentials over {@code /api}, {@code /engine-rest} and {@code /actuator}, each
 * sent over a raw socket (so that the path reaches the server as written) as demo/demo and
 * without credentials. Every reply must be a 4xx (the status the row names, where it is
 * certain), never a 5xx; under /api and /actuator RFC 7807 problem+json with a status and a
 * detail; under /engine-rest problem+json or Camunda's own error JSON ({@code type}, {@code
 * message}); never HTML, never a stack trace; a 405 names the allowed methods.
 */
class ErrorRepliesIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = "Basic " + Base64.getEncoder()
      .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
  private static final int ANY_4XX = 0;

  /**
   * One request. {@code whenAuthenticated} and {@code whenAnonymous} are the statuses expected
   * as demo and without credentials ({@link #ANY_4XX}: any client error); {@code ownAuth} rows
   * carry their own Authorization header and are sent once.
   */
  record Row(String method, String target, Map<String, String> headers, byte[] body,
      int whenAuthenticated, int whenAnonymous, boolean ownAuth) {

    Row with(String header, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(header, value);
      return new Row(method, target, more, body, whenAuthenticated, whenAnonymous,
          ownAuth || header.equals("Authorization"));
    }

    Row body(String contentType, byte[] content) {
      return new Row(method, target, headers, content, whenAuthenticated, whenAnonymous, ownAuth)
          .with("Content-Type", contentType);
    }

    @Override
    public String toString() {
      return method + " " + target + (headers.isEmpty() ? "" : " " + headers.keySet());
    }
  }

  private static Row row(String method, String target, int whenAuthenticated,
      int whenAnonymous) {
    return new Row(method, target, Map.of(), null, whenAuthenticated, whenAnonymous, false);
  }

  /** The same malformed targets under each prefix, then the prefix's own mistakes. */
  static List<Row> table() {
    List<Row> rows = new ArrayList<>();
    Map<String, String> known = Map.of("/api", "/workflows", "/engine-rest", "/task",
        "/actuator", "/metrics");
    known.forEach((prefix, resource) -> {
      String p = prefix;
      String r = resource;
      rows.add(row("GET", p + "/no-such-thing", 404, 401));
      rows.add(row("GET", p + "/no-such-thing/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400, 400));
      rows.add(row("GET", p + ";x=y" + r, 400, 400));
      rows.add(row("GET", p + r + ";jsessionid=abc", 400, 400));
      rows.add(row("GET", p + "/%2e%2e" + p + r, 400, 400));
      rows.add(row("GET", p + "/%2E%2E/%2E%2E/etc/passwd", 400, 400));
      rows.add(row("GET", p + r + "/..", 400, 400));
      rows.add(row("GET", p + "/." + r, 400, 400));
      rows.add(row("GET", p + r + "%2Fx", 400, 400));
      rows.add(row("GET", p + "/" + r, 400, 400));
      rows.add(row("GET", "/" + p + r, 400, 400));
      rows.add(row("GET", p + r + "/%5Cx", 400, 400));
      rows.add(row("GET", p + r + "/a\\b", 400, 400));
      rows.add(row("GET", p + r + "/%25", 400, 400));
      rows.add(row("GET", p + r + "/%zz", 400, 400));
      rows.add(row("GET", p + r + "/%00", 400, 400));
      rows.add(row("GET", p + r + "/%0d%0aSet-Cookie:x=y", 400, 400));
      rows.add(row("GET", p + r + "/%C0%AF", 400, 400));
      rows.add(row("FOO", p + r, 400, 400));
      rows.add(row("TRACE", p + r, 405, 405));
      rows.add(row("GET", p + r, 406, 401).with("Accept", "image/png"));
      rows.add(row("GET", p + r, ANY_4XX, ANY_4XX).with("Accept", "///"));
      rows.add(row("GET", p + r, 401, 401).with("Authorization", "Basic !!!not-base64"));
      // not demo: Camunda locks a user out for a while after a wrong password
      rows.add(row("GET", p + r, 401, 401).with("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString("nobody:wrong".getBytes(StandardCharsets.UTF_8))));
      rows.add(row("GET", p + r, 400, 400).with("X-Bad", "a\u0001b"));
      // Tomcat takes it (obs-text); Spring Security's firewall refuses it once it is read
      rows.add(row("GET", p + r, 400, ANY_4XX).with("Accept", "application/json\u0085"));
      rows.add(row("GET", p + r + "?" + "q".repeat(10_000) + "=" + "v".repeat(10_000),
          ANY_4XX, ANY_4XX));
    });
    byte[] large = multipart(1_500_000);
    rows.addAll(List.of(
        row("DELETE", "/api/workflows", 405, 401),
        row("PATCH", "/api/workflows", 405, 401),
        row("POST", "/api/workflows", 415, 401).body("text/plain", bytes("x")),
        row("POST", "/api/workflows", ANY_4XX, 401).body(";;;", bytes("{}")),
        row("POST", "/api/workflows", 400, 401).body("application/json", bytes("{")),
        row("POST", "/api/workflows", 413, 401)
            .body("multipart/form-data; boundary=XyZ", large),
        row("GET", "/api/workflows/runs/no-such-run", 404, 401),
        row("GET", "/api/openapi/no-such-thing", 404, 404),
        row("PATCH", "/engine-rest/task", 405, 401),
        row("DELETE", "/engine-rest/task", 405, 401),
        row("POST", "/engine-rest/task", 415, 401).body("text/plain", bytes("x")),
        row("POST", "/engine-rest/task", 400, 401).body("application/json", bytes("{")),
        row("GET", "/engine-rest/task/no-such-task", 404, 401),
        row("GET", "/engine-rest/task?firstResult=abc", 400, 401),
        row("GET", "/engine-rest/process-definition/key/no-such-key", 404, 401),
        row("POST", "/actuator/health", 405, 405),
        row("DELETE", "/actuator/metrics", 405, 401),
        row("GET", "/actuator/metrics/no.such.metric", 404, 401),
        row("GET", "/actuator/metrics/jvm.memory.used?tag=no-colon", 400, 401),
        row("GET", "/actuator/health", 406, 406).with("Accept", "image/png"),
        row("GET", "/actuator/loggers", 404, 401)));
    return rows;
  }

  @Test
  void everyMistakeGetsAClientErrorInTheRightFormat() {
    List<String> wrong = new ArrayList<>();
    List<String> table = new ArrayList<>();
    int sent = 0;
    for (Row row : table()) {
      for (boolean authenticated : row.ownAuth() ? List.of(true) : List.of(true, false)) {
        Map<String, String> headers = new LinkedHashMap<>(row.headers());
        if (authenticated && !row.ownAuth()) {
          headers.put("Authorization", DEMO);
        }
        int expected = row.ownAuth() || authenticated ? row.whenAuthenticated()
            : row.whenAnonymous();
        long started = System.nanoTime();
        RawHttp.Reply reply = RawHttp.send(port, row.method(), row.target(), headers,
            row.body());
        long ms = (System.nanoTime() - started) / 1_000_000;
        sent++;
        String who = row.ownAuth() ? "own" : authenticated ? "demo" : "anon";
        String problem = check(row, reply, expected);
        table.add(String.format("%-4s %3d %-40s %5d ms  %s %s| %s", who, reply.status(),
            reply.contentType(), ms, row, problem == null ? "" : "<- " + problem + " ",
            said(reply.body())));
        if (problem != null) {
          wrong.add(who + " " + row + ": " + problem + " (got " + reply.status() + " "
              + reply.contentType() + " " + abbreviate(reply.body()) + ")");
        }
      }
    }
    System.out.println("ErrorRepliesIT: " + sent + " requests\n" + String.join("\n", table));
    assertThat(wrong).as("rows answered wrongly").isEmpty();
  }

  /** What is wrong with the reply, or null. */
  private static String check(Row row, RawHttp.Reply reply, int expected) {
    int status = reply.status();
    if (status < 400 || status >= 500) {
      return "not a client error";
    }
    if (expected != ANY_4XX && status != expected) {
      return "expected " + expected;
    }
    String body = reply.body();
    if (body.toLowerCase().contains("<html") || body.contains("\tat ")
        || body.contains("Exception:") && body.contains("\n\tat")) {
      return "HTML or a stack trace";
    }
    if (body.contains(DEMO.substring("Basic ".length()))) {
      return "the credentials echoed back";
    }
    if (status == 405 && reply.header("allow") == null) {
      return "405 without Allow";
    }
    boolean engineRest = prefix(row.target()).equals("/engine-rest");
    String type = reply.contentType();
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return "body is not JSON";
    }
    if (type.startsWith("application/problem+json")) {
      if (json.path("status").asInt() != status) {
        return "problem status " + json.path("status") + " is not the HTTP status";
      }
      if (json.path("detail").asText().isBlank() || json.path("title").asText().isBlank()) {
        return "problem without title or detail";
      }
      if (json.has("trace") || json.has("exception")) {
        return "problem with a trace";
      }
      return null;
    }
    if (engineRest && type.startsWith("application/json") && json.hasNonNull("type")
        && json.hasNonNull("message")) {
      return null; // Camunda's own error JSON
    }
    return "not problem+json" + (engineRest ? " nor Camunda's error JSON" : "");
  }

  /** The prefix a malformed target was aimed at, as a person reading it would say. */
  private static String prefix(String target) {
    String t = target.replaceAll("^/+", "/");
    for (String p : List.of("/api", "/engine-rest", "/actuator")) {
      if (t.startsWith(p)) {
        return p;
      }
    }
    return "";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A multipart body with one file part of the given size. */
  private static byte[] multipart(int size) {
    String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.json\"\r\n"
        + "Content-Type: application/json\r\n\r\n";
    String tail = "\r\n--XyZ--\r\n";
    byte[] out = new byte[head.length() + size + tail.length()];
    System.arraycopy(bytes(head), 0, out, 0, head.length());
    java.util.Arrays.fill(out, head.length(), head.length() + size, (byte) 'a');
    System.arraycopy(bytes(tail), 0, out, head.length() + size, tail.length());
    return out;
  }

  /** The detail (or Camunda's message) of a reply, for the table. */
  private static String said(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      return abbreviate(json.has("detail") ? json.path("detail").asText()
          : json.path("message").asText());
    } catch (IOException e) {
      return abbreviate(body);
    }
  }

  private static String abbreviate(String body) {
    String one = body.replaceAll("\\s+", " ");
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }
}
