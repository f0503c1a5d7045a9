package dev.baton.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a problem+json body to an error answered with a status only (an actuator read that
 * found nothing is a bare 404; a filter may set a status and return). Errors sent with {@code
 * sendError} are left to {@link ProblemErrorController}; bodies already written, committed
 * responses and asynchronous requests (Camunda's long polling) are left alone.
 */
final class BodilessErrorFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(BodilessErrorFilter.class);

  private final ProblemReplies replies;

  BodilessErrorFilter(ProblemReplies replies) {
    this.replies = replies;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Watched watched = new Watched(response);
    chain.doFilter(request, watched);
    int status = response.getStatus();
    if (status < 400 || watched.bodyStarted || watched.errorSent || response.isCommitted()
        || request.isAsyncStarted()) {
      return;
    }
    String ref = null;
    if (status >= 500) {
      ref = UUID.randomUUID().toString();
      log.warn("{} {} was answered {} without a body (ref {})", request.getMethod(),
          request.getRequestURI(), status, ref);
    }
    replies.write(response, ProblemReplies.problem(status,
        ApiPaths.prefixOf(request.getRequestURI()), request.getMethod(),
        response.getHeader("Allow"), null, ref));
  }

  /** Notes whether a body was started or an error sent. */
  private static final class Watched extends HttpServletResponseWrapper {

    private boolean bodyStarted;
    private boolean errorSent;

    Watched(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      bodyStarted = true;
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      bodyStarted = true;
      return super.getWriter();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      errorSent = true;
      super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
      errorSent = true;
      super.sendError(sc);
    }
  }
}
