package dev.baton.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.WebUtils;

/**
 * Error replies on {@code /api}, {@code /engine-rest} and {@code /actuator} that no controller
 * writes: a 400 for what Spring Security's firewall refuses (checked first, before any filter
 * parses the path: {@code /engine-rest;x=y/task} used to be a 500), problem+json from Tomcat's
 * own error report, and a body for errors that were answered with a status only. Together with
 * {@link ProblemErrorController} (everything that ends at {@code /error}) and {@link
 * ProblemHandler} (Baton's controllers), every 4xx and 5xx there is problem+json, or Camunda's
 * own error JSON under /engine-rest.
 */
@Configuration(proxyBeanMethods = false)
class ErrorRepliesConfiguration {

  /** The methods anything under the API prefixes serves. */
  static final String SERVED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

  @Bean
  ProblemReplies problemReplies(ObjectMapper json) {
    return new ProblemReplies(json);
  }

  /** Picked up by Spring Security's WebSecurity for its FilterChainProxy. */
  @Bean
  RequestRejectedHandler problemRequestRejectedHandler(ProblemReplies replies) {
    return (request, response, rejected) -> rejected(replies, request, response, rejected);
  }

  /**
   * The firewall's check before every other filter: some parse the path first (Spring MVC's
   * path cache, which threw on {@code ;x=y} after a servlet path), and an error dispatch of a
   * refused method would be refused again, leaving an empty body.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> firewallFirst(ProblemReplies replies,
      ObjectProvider<HttpFirewall> firewalls) {
    HttpFirewall firewall = firewalls.getIfAvailable(StrictHttpFirewall::new);
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest request,
              HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            if ("TRACE".equals(request.getMethod())) {
              // never served (it would echo the Authorization header back): see traceReachesUs
              response.setHeader("Allow", SERVED_METHODS);
              refuse(replies, request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                  "TRACE is not served");
              return;
            }
            try {
              firewall.getFirewalledRequest(request);
            } catch (RequestRejectedException rejected) {
              rejected(replies, request, response, rejected);
              return;
            }
            chain.doFilter(request, response);
          }
        });
    registration.setName("firewallFirst");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** A status without a body (an actuator 404, a filter's setStatus) gets its problem. */
  @Bean
  FilterRegistrationBean<BodilessErrorFilter> bodilessErrors(ProblemReplies replies) {
    FilterRegistrationBean<BodilessErrorFilter> registration =
        new FilterRegistrationBean<>(new BodilessErrorFilter(replies));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/actuator/*", "/api",
        "/engine-rest", "/actuator");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Tomcat's HTML error report replaced, for the API prefixes, by problem+json. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
      ProblemReplies replies) {
    return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(
        event -> {
          // the host has added its error report valve by the time its contexts start
          if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())
              && context.getParent() instanceof Host host) {
            ProblemErrorReportValve.install(host, replies);
          }
        }));
  }

  /**
   * Tomcat answers TRACE itself, before any filter, with a bare 400; let it through to {@link
   * #firewallFirst}, which refuses it with a problem (and Spring Security's firewall would too).
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> traceReachesUs() {
    return factory -> factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
  }

  /**
   * A multipart body over Spring's size limits fails again when the error dispatch resolves it
   * once more, which leaves the 413 without a body; marked as the request's error exception,
   * the dispatcher skips that (see DispatcherServlet#checkMultipart).
   */
  @Bean
  HandlerExceptionResolver multipartFailureOnce() {
    return new OrderedMultipartMarker();
  }

  private static final class OrderedMultipartMarker implements HandlerExceptionResolver,
      Ordered {
    @Override
    public ModelAndView resolveException(HttpServletRequest request,
        HttpServletResponse response, Object handler, Exception failure) {
      if (failure instanceof MultipartException) {
        request.setAttribute(WebUtils.ERROR_EXCEPTION_ATTRIBUTE, failure);
      }
      return null;
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  private static void rejected(ProblemReplies replies, HttpServletRequest request,
      HttpServletResponse response, RequestRejectedException rejected) throws IOException {
    refuse(replies, request, response, HttpServletResponse.SC_BAD_REQUEST,
        rejected.getMessage());
  }

  private static void refuse(ProblemReplies replies, HttpServletRequest request,
      HttpServletResponse response, int status, String cause) throws IOException {
    String prefix = ApiPaths.prefixOf(request.getRequestURI());
    if (prefix == null) {
      // the webapps: the servlet container's error page
      response.sendError(status);
      return;
    }
    replies.write(response, ProblemReplies.problem(status, prefix, request.getMethod(),
        response.getHeader("Allow"), cause, null));
  }
}
