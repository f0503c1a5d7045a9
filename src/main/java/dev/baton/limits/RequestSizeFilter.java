package dev.baton.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies under {@code /api} larger than {@code baton.limits.max-request-bytes}
 * with 413 problem+json, before anything parses them: at once when the declared length is too
 * large, and for a body without a length (chunked) as soon as reading passes the limit.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {

  static final URI TYPE = URI.create("https://baton.dev/problems/payload-too-large");

  private final LimitsProperties limits;
  private final ObjectMapper json;

  RequestSizeFilter(LimitsProperties limits, ObjectMapper json) {
    this.limits = limits;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/api") || path.startsWith("/api/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limits.maxRequestBytes()) {
      refuse(response, "the request body is " + declared + " bytes");
      return;
    }
    chain.doFilter(declared >= 0 ? request : new Limited(request, limits.maxRequestBytes()),
        response);
  }

  private void refuse(HttpServletResponse response, String what) throws IOException {
    ProblemDetail problem = problem(what, limits.maxRequestBytes());
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // the client may still be sending: say that this connection will not read the rest
    response.setHeader("Connection", "close");
    json.writeValue(response.getOutputStream(), problem);
  }

  static ProblemDetail problem(String what, long max) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        what + "; the limit is " + max + " bytes (baton.limits.max-request-bytes)");
    problem.setType(TYPE);
    problem.setTitle("Payload Too Large");
    problem.setProperty("path", "$");
    problem.setProperty("hint", "send less: a spec over the spec limit is refused anyway; "
        + "large run inputs belong in a document store, passed by reference");
    return problem;
  }

  /** A body without a declared length, cut off past the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > max) {
              throw new BodyTooLargeException(max);
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
