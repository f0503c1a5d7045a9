package dev.baton.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where every error that leaves a servlet or a filter ends ({@code /error}): a {@code
 * sendError} of Spring MVC (404, 405, 406, 415, 413 outside Baton's controllers), of Spring
 * Security, of Jersey, or an exception thrown by a filter. For requests aimed at {@code /api},
 * {@code /engine-rest} or {@code /actuator} the reply is problem+json, whatever the Accept
 * header asks; everything else (the webapps) keeps Spring Boot's error page.
 */
@org.springframework.stereotype.Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  private final BasicErrorController others;
  private final ErrorAttributes errors;
  private final ProblemReplies replies;

  ProblemErrorController(ErrorAttributes errors, ServerProperties server,
      org.springframework.beans.factory.ObjectProvider<ErrorViewResolver> views,
      ProblemReplies replies) {
    this.errors = errors;
    this.replies = replies;
    this.others = new BasicErrorController(errors, server.getError(),
        views.orderedStream().toList());
  }

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (problem(request, response)) {
      return null;
    }
    return others.errorHtml(request, response);
  }

  @RequestMapping
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if (problem(request, response)) {
      return null;
    }
    return others.error(request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<String> notAcceptable(HttpServletRequest request) {
    return others.mediaTypeNotAcceptable(request);
  }

  /** Writes the problem when the failed request was aimed at an API prefix. */
  private boolean problem(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String prefix = ApiPaths.prefixOf(uri);
    if (prefix == null) {
      return false;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
    Throwable failure = errors.getError(new ServletWebRequest(request));
    String ref = null;
    if (status >= 500) {
      ref = UUID.randomUUID().toString();
      log.error("{} {} failed with {} (ref {})", request.getMethod(), uri, status, ref, failure);
    }
    replies.write(response, ProblemReplies.problem(status, prefix, request.getMethod(),
        response.getHeader("Allow"),
        (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE), ref));
    return true;
  }
}
