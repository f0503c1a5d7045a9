package dev.baton.api;

import dev.baton.limits.BodyTooLargeException;
import dev.baton.problem.InvalidFieldException;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.problem.UnprocessableException;
import dev.baton.spec.InvalidSpecException;
import dev.baton.spec.SpecProblem;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into RFC 7807 problem+json. Mistakes of the caller get their 4xx status
 * and a message saying what to change; anything else is a 500 that names a reference to look up
 * in the server log, never a stack trace.
 */
@RestControllerAdvice(basePackages = "dev.baton")
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String TYPE_BASE = "https://baton.dev/problems/";

  @ExceptionHandler(InvalidSpecException.class)
  ResponseEntity<ProblemDetail> invalidSpec(InvalidSpecException e) {
    ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-spec",
        "Invalid workflow spec",
        "the spec has " + e.problems().size() + " error(s); each names its JSON path");
    problem.setProperty("errors", e.problems().stream().map(ProblemHandler::describe).toList());
    problem.setProperty("warnings", describe(e.warnings()));
    return ResponseEntity.unprocessableEntity().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge.problem());
      }
    }
    String detail = "the request body is not valid JSON for this endpoint";
    String path = null;
    if (e.getCause() instanceof JsonProcessingException json) {
      JsonLocation where = json.getLocation();
      detail += where == null ? "" : " (line " + where.getLineNr() + ", column "
          + where.getColumnNr() + ")";
      detail += ": " + firstLine(json.getOriginalMessage());
      if (json instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
          && !mapping.getPath().isEmpty()) {
        path = path(mapping.getPath());
      }
    }
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request", detail);
    if (path != null) {
      problem.setProperty("path", path);
    }
    return ResponseEntity.badRequest().body(problem);
  }

  /** The JSON path of a field Jackson could not bind: {@code $.input_data}, {@code $.a[2]}. */
  private static String path(List<com.fasterxml.jackson.databind.JsonMappingException.Reference>
      references) {
    StringBuilder path = new StringBuilder("$");
    for (var reference : references) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "cannot parse";
    }
    int newline = text.indexOf('\n');
    String line = newline > 0 ? text.substring(0, newline) : text;
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> any(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      ResponseEntity<ProblemDetail> known = known(t);
      if (known != null) {
        return known;
      }
    }
    String ref = UUID.randomUUID().toString();
    log.error("Unexpected failure (ref {})", ref, e);
    return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
        "internal", "Internal error",
        "something went wrong on our side; the server log has the details under ref " + ref));
  }

  private ResponseEntity<ProblemDetail> known(Throwable t) {
    if (t instanceof InvalidSpecException invalid) {
      return invalidSpec(invalid);
    }
    if (t instanceof dev.baton.bundle.BundleRejectedException bundle) {
      ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-bundle",
          "Invalid agent bundle", bundle.getMessage());
      problem.setProperty("errors", bundle.errors().stream()
          .map(dev.baton.bundle.BundleService::describe).toList());
      problem.setProperty("warnings", bundle.warnings().stream()
          .map(dev.baton.bundle.BundleService::describe).toList());
      return ResponseEntity.unprocessableEntity().body(problem);
    }
    if (t instanceof RequestRejectedException rejected) {
      // the firewall checks parameters and headers when a controller reads them
      return ResponseEntity.badRequest().body(ProblemReplies.problem(400, "/api", null, null,
          rejected.getMessage(), null));
    }
    if (t instanceof InvalidFieldException field) {
      ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-field",
          "Invalid field", field.getMessage());
      problem.setProperty("path", field.path());
      if (field.hint() != null) {
        problem.setProperty("hint", field.hint());
      }
      return ResponseEntity.unprocessableEntity().body(problem);
    }
    if (t instanceof dev.baton.governance.RunLimitReachedException limit) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .body(problem(HttpStatus.TOO_MANY_REQUESTS, "run-limit", "Too many runs in flight",
              limit.getMessage()));
    }
    if (t instanceof org.camunda.bpm.engine.OptimisticLockingException) {
      return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
          .body(problem(HttpStatus.CONFLICT, "conflict", "Conflict", "the run changed while "
              + "this request was being carried out (a step of it committed at that moment); "
              + "send the request again"));
    }
    if (t instanceof org.camunda.bpm.engine.AuthorizationException denied) {
      // the engine's own check, for a call /api let through by role: the engine's message
      // names the permission and resource, which helps an administrator grant it
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN,
          "forbidden", "Forbidden", denied.getMessage()));
    }
    HttpStatus status = t instanceof NotFoundException ? HttpStatus.NOT_FOUND
        : t instanceof ConflictException ? HttpStatus.CONFLICT
        : t instanceof ForbiddenException ? HttpStatus.FORBIDDEN
        : t instanceof BadRequestException ? HttpStatus.BAD_REQUEST
        : t instanceof UnprocessableException ? HttpStatus.UNPROCESSABLE_ENTITY
        : null;
    if (status == null) {
      return null;
    }
    String slug = status.getReasonPhrase().toLowerCase().replace(' ', '-');
    ProblemDetail problem = problem(status, slug, status.getReasonPhrase(), t.getMessage());
    if (t instanceof UnprocessableException unprocessable && !unprocessable.errors().isEmpty()) {
      problem.setProperty("errors", unprocessable.errors());
    }
    return ResponseEntity.status(status).body(problem);
  }

  static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + type));
    problem.setTitle(title);
    return problem;
  }

  static Map<String, String> describe(SpecProblem p) {
    return p.hint() == null
        ? Map.of("severity", p.severity().name().toLowerCase(), "path", p.path(),
            "message", p.message())
        : Map.of("severity", p.severity().name().toLowerCase(), "path", p.path(),
            "message", p.message(), "hint", p.hint());
  }

  static List<Map<String, String>> describe(List<SpecProblem> problems) {
    return problems.stream().map(ProblemHandler::describe).toList();
  }
}
