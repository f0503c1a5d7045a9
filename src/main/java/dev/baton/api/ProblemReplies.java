package dev.baton.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 7807 replies for errors that happen outside Baton's controllers (and so outside {@link
 * ProblemHandler}): URLs the firewall or Tomcat refuses, paths and methods nothing serves, media
 * types nobody produces, errors raised in filters or by Jersey that end at {@code /error}. The
 * detail says what to change; a message from the server is added where it is the client's own
 * mistake (4xx), never for a 5xx, whose detail names a reference for the server log instead.
 */
final class ProblemReplies {

  private static final int MAX_CAUSE = 200;

  private final ObjectMapper json;

  ProblemReplies(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The problem for a status.
   *
   * @param prefix the API prefix the request was aimed at, for the 404 hint
   * @param method the request's method, named by a 405
   * @param allow the response's Allow header, or null
   * @param cause what the server said of a client error (may be null; cut to one short line)
   * @param ref the log reference of a 5xx (null otherwise)
   */
  static ProblemDetail problem(int status, String prefix, String method, String allow,
      String cause, String ref) {
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error " + status : known.getReasonPhrase();
    String detail = status >= 500
        ? "something went wrong on our side; the server log has the details under ref " + ref
        : clientDetail(status, prefix, method, allow, sanitise(cause, title));
    String type = known == null ? "error" : title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    ProblemDetail problem = ProblemHandler.problem(HttpStatus.BAD_REQUEST, type, title, detail);
    problem.setStatus(status);
    return problem;
  }

  private static String clientDetail(int status, String prefix, String method, String allow,
      String cause) {
    String detail = switch (status) {
      case 400 -> "the request is malformed (its URL, a header or its body); correct it and "
          + "send it again";
      case 401 -> "log in with HTTP Basic as a Camunda user (demo/demo on a demo installation)";
      case 403 -> "you may not do this; ask an administrator for the role it needs";
      case 404 -> "there is nothing at this path" + switch (prefix == null ? "" : prefix) {
        case "/api" -> "; Baton's API is described at /api/openapi";
        case "/engine-rest" -> "; see Camunda's REST API reference for the engine's paths";
        case "/actuator" -> "; GET /actuator lists the endpoints that are exposed";
        default -> "";
      };
      case 405 -> "the method " + (method == null ? "used" : method) + " is not allowed here"
          + (allow == null || allow.isBlank() ? "" : "; allowed: " + allow);
      case 406 -> "nothing here can be produced in a media type the Accept header allows; "
          + "accept application/json (errors are application/problem+json)";
      case 408 -> "the request did not arrive in time; send it again";
      case 413 -> "the request body is too large for this endpoint";
      case 414 -> "the URL is too long";
      case 415 -> "the body's Content-Type is not supported here; send application/json";
      case 429 -> "too many requests; wait, then send it again";
      case 431 -> "the request's headers are too large";
      default -> HttpStatus.resolve(status) == null ? "the request cannot be served"
          : HttpStatus.valueOf(status).getReasonPhrase().toLowerCase();
    };
    // a 404's cause ("No static resource ...") says nothing more than the detail
    return cause == null || status == 404 || status == 401 ? detail
        : detail + " (" + cause + ")";
  }

  /**
   * The server's message as one short line, or null when it says nothing new. Spring Security's
   * firewall and Tomcat quote an offending header (or the firewall a parameter), which may hold
   * a credential: those are named, not quoted.
   */
  static String sanitise(String cause, String title) {
    if (cause == null || cause.isBlank() || cause.equalsIgnoreCase(title)) {
      return null;
    }
    String lower = cause.toLowerCase();
    if (lower.contains("header")) {
      return "a header name or value holds characters that are not allowed, or the headers are "
          + "too large";
    }
    if (lower.startsWith("the request was rejected") && lower.contains("parameter")) {
      return "a parameter name or value holds characters that are not allowed";
    }
    String line = cause.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
    return line.length() > MAX_CAUSE ? line.substring(0, MAX_CAUSE) + "..." : line;
  }

  String toJson(ProblemDetail problem) {
    try {
      return json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      // a ProblemDetail of strings and numbers always serialises; keep the reply JSON anyway
      return "{\"title\":\"Error\",\"status\":" + problem.getStatus() + "}";
    }
  }

  /** Writes the problem as the whole response (status, content type, body). */
  void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    byte[] body = toJson(problem).getBytes(StandardCharsets.UTF_8);
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }
}
