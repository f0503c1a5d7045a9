package dev.baton.security;

import static dev.baton.security.BatonRole.ADMIN;
import static dev.baton.security.BatonRole.APPROVER;
import static dev.baton.security.BatonRole.AUTHOR;
import static dev.baton.security.BatonRole.OPERATOR;
import static dev.baton.security.BatonRole.RUNNER;
import static dev.baton.security.BatonRole.VIEWER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP Basic for Baton's API, Camunda's engine REST API and the actuator, checked against
 * Camunda's users so that Admin manages one set of people, and the role each {@code /api}
 * endpoint needs (the table in docs/security.md). {@code /engine-rest} only needs a login:
 * there the engine's own authorizations decide, created per role by {@link
 * AuthorizationSetup}. Anything under {@code /api} not listed here is for admins only, so a new
 * endpoint is closed until someone decides who may use it. The webapps keep their own login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint,
      AccessDeniedHandler problemAccessDenied) throws Exception {
    return http
        // path patterns, not MVC matchers: /engine-rest is Camunda's Jersey servlet, outside MVC
        .securityMatcher(new OrRequestMatcher(
            path("/api/**"), path("/engine-rest/**"), path("/actuator/**")))
        .authorizeHttpRequests(auth -> auth
            // status only; details for operators (management.endpoint.health.roles)
            .requestMatchers(path("/actuator/health"), path("/actuator/health/liveness"),
                path("/actuator/health/readiness"), path("/api/openapi/**")).permitAll()
            .requestMatchers(path("/actuator/**")).hasAuthority(OPERATOR.authority())
            // Swagger UI: /api/docs redirects to its pages under /api/swagger-ui
            .requestMatchers(path(GET, "/api/me"), path(GET, "/api/docs"),
                path(GET, "/api/swagger-ui/**")).authenticated()
            .requestMatchers(path(POST, "/api/workflows/runs/*/abort")).hasAuthority(
                RUNNER.authority())
            .requestMatchers(path(POST, "/api/workflows/runs/*/retry")).hasAnyAuthority(
                RUNNER.authority(), OPERATOR.authority())
            .requestMatchers(path(GET, "/api/workflows/runs/**")).hasAuthority(VIEWER.authority())
            // a dry run that costs nothing and changes nothing: reading the run is enough
            .requestMatchers(path(POST, "/api/workflows/runs/*/replay"))
                .hasAuthority(VIEWER.authority())
            .requestMatchers(path(POST, "/api/workflows/*/runs")).hasAuthority(RUNNER.authority())
            .requestMatchers(path(POST, "/api/workflows"), path(POST, "/api/workflows/validate"),
                path(POST, "/api/workflows/from-template"))
                .hasAuthority(AUTHOR.authority())
            .requestMatchers(path(GET, "/api/workflows/**")).hasAuthority(VIEWER.authority())
            .requestMatchers(path(GET, "/api/traces/*")).hasAuthority(VIEWER.authority())
            .requestMatchers(path(GET, "/api/governance/policy")).hasAuthority(VIEWER.authority())
            .requestMatchers(path(GET, "/api/templates/**")).hasAuthority(VIEWER.authority())
            // prompt templates: read by viewers, written by whoever may deploy workflows
            .requestMatchers(path(GET, "/api/prompts"), path(GET, "/api/prompts/**"))
                .hasAuthority(VIEWER.authority())
            .requestMatchers(path(PUT, "/api/prompts/**")).hasAuthority(AUTHOR.authority())
            .requestMatchers(path("/api/approvals/**")).hasAuthority(APPROVER.authority())
            // agent bundles: authors submit, operators decide (never their own: BundleService)
            // and uninstall
            .requestMatchers(path(GET, "/api/bundles"), path(GET, "/api/bundles/**"))
                .hasAuthority(VIEWER.authority())
            .requestMatchers(path(POST, "/api/bundles")).hasAuthority(AUTHOR.authority())
            .requestMatchers(path(POST, "/api/bundles/*/approve"),
                path(POST, "/api/bundles/*/reject"), path(POST, "/api/bundles/*/uninstall"))
                .hasAuthority(OPERATOR.authority())
            .requestMatchers(path(POST, "/api/bundles/*/tests"))
                .hasAnyAuthority(AUTHOR.authority(), OPERATOR.authority())
            .requestMatchers(path(GET, "/api/agents/**"), path(GET, "/api/tools/**"))
                .hasAuthority(VIEWER.authority())
            .requestMatchers(path(POST, "/api/agents/**"), path(PUT, "/api/agents/**"),
                path(POST, "/api/tools/**"), path(PUT, "/api/tools/**"))
                .hasAuthority(AUTHOR.authority())
            .requestMatchers(path(GET, "/api/budgets/**")).hasAuthority(VIEWER.authority())
            .requestMatchers(path(POST, "/api/budgets/**"), path(PUT, "/api/budgets/**"))
                .hasAuthority(OPERATOR.authority())
            .requestMatchers(path(GET, "/api/audit/**")).hasAuthority(OPERATOR.authority())
            .requestMatchers(path(GET, "/api/system/**")).hasAuthority(OPERATOR.authority())
            // the engine's authorizations decide what each user may do there
            .requestMatchers(path("/engine-rest/**")).authenticated()
            .anyRequest().hasAuthority(ADMIN.authority()))
        .httpBasic(basic -> basic.authenticationEntryPoint(problemEntryPoint))
        .exceptionHandling(e -> e.authenticationEntryPoint(problemEntryPoint)
            .accessDeniedHandler(problemAccessDenied))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  @Bean
  @Order(2)
  SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
    // Cockpit, Tasklist and Admin authenticate, check their application authorizations and
    // protect against CSRF themselves
    return http
        .securityMatcher("/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(h -> h.frameOptions(f -> f.sameOrigin()))
        .build();
  }

  @Bean
  AuthenticationEntryPoint problemEntryPoint(ObjectMapper json) {
    return (request, response, e) -> {
      if (e instanceof FailedLogins.Throttled throttled) {
        response.setHeader("Retry-After", String.valueOf(throttled.retryAfter().toSeconds()));
        write(json, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
            "Too many failed logins", "too many failed logins from this client; try again in "
                + throttled.retryAfter().toSeconds() + " s");
        return;
      }
      response.setHeader("WWW-Authenticate", "Basic realm=\"baton\"");
      write(json, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
          "log in with HTTP Basic as a Camunda user (demo/demo on a demo installation)");
    };
  }

  @Bean
  AccessDeniedHandler problemAccessDenied(ObjectMapper json) {
    return (request, response, e) -> {
      Authentication auth = org.springframework.security.core.context.SecurityContextHolder
          .getContext().getAuthentication();
      String who = auth == null ? "this user" : "user '" + auth.getName() + "'";
      write(json, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
          who + " has no role that may " + request.getMethod() + " "
              + request.getRequestURI() + "; docs/security.md lists what each role may do");
    };
  }

  private static void write(ObjectMapper json, jakarta.servlet.http.HttpServletResponse response,
      HttpStatus status, String type, String title, String detail) throws java.io.IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("https://baton.dev/problems/" + type));
    problem.setTitle(title);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  /** Camunda's users and passwords; the authorities carry groups, tenants and roles. */
  @Bean
  AuthenticationProvider camundaUsers(IdentityService identity, FailedLogins failedLogins) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        String client = authentication.getDetails() instanceof WebAuthenticationDetails web
            ? web.getRemoteAddress() : "unknown";
        failedLogins.check(client);
        if (password == null || !identity.checkPassword(user, password.toString())) {
          failedLogins.failed(client);
          throw new BadCredentialsException("wrong user name or password");
        }
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId).toList();
        List<String> tenants = identity.createTenantQuery().userMember(user)
            .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
            Callers.authorities(groups, tenants));
      }

      @Override
      public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }
}
