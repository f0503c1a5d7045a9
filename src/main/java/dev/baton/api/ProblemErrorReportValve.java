package dev.baton.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for requests it refuses before the application sees them (an invalid
 * %-escape, an encoded slash or backslash, a null byte, a path above the root, a character not
 * allowed in the request target or a header, headers too large): problem+json for the API
 * prefixes, and for a request line too broken to say where it was aimed (no browser sends one),
 * instead of Tomcat's HTML page; Tomcat's own report for the webapps.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ProblemErrorReportValve.class);

  private final ProblemReplies replies;

  ProblemErrorReportValve(ProblemReplies replies) {
    this.replies = replies;
  }

  /** Replaces the host's error report valve (Tomcat's) by this one, once. */
  static void install(Host host, ProblemReplies replies) {
    Pipeline pipeline = host.getPipeline();
    boolean installed = false;
    for (Valve valve : pipeline.getValves()) {
      if (valve instanceof ProblemErrorReportValve) {
        installed = true;
      } else if (valve instanceof ErrorReportValve) {
        pipeline.removeValve(valve);
      }
    }
    if (!installed) {
      pipeline.addValve(new ProblemErrorReportValve(replies));
    }
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    String uri = request.getRequestURI();
    String prefix = ApiPaths.prefixOf(uri);
    if (prefix == null && uri != null && !uri.isBlank()) {
      super.report(request, response, throwable);
      return;
    }
    int status = response.getStatus();
    // as Tomcat's: nothing for a success, a body already written or an error reported before
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String ref = status >= 500 ? java.util.UUID.randomUUID().toString() : null;
    if (ref != null) {
      log.error("Tomcat answered {} to {} {} (ref {})", status, request.getMethod(),
          request.getRequestURI(), ref, throwable);
    }
    // Tomcat says what it refused in the message, or in the exception of a request line it
    // could not parse ("Invalid character found in the request target [...]")
    String cause = response.getMessage() != null ? response.getMessage()
        : throwable == null ? null : throwable.getMessage();
    String json = replies.toJson(ProblemReplies.problem(status, prefix, request.getMethod(),
        response.getHeader("Allow"), cause, ref));
    try {
      response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(json);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response cannot be written: nothing more to do
    }
  }
}
