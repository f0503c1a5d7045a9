package dev.baton.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP Basic for Baton's API and Camunda's engine REST API (which has no authentication of its
 * own by default), checked against Camunda's users so that Admin manages one set of people.
 * The webapps keep their own login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint)
      throws Exception {
    return http
        // path patterns, not MVC matchers: /engine-rest is Camunda's Jersey servlet, outside MVC
        .securityMatcher(new OrRequestMatcher(
            path("/api/**"), path("/engine-rest/**"), path("/actuator/**")))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(path("/actuator/health/**"), path("/api/openapi/**")).permitAll()
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(problemEntryPoint))
        .exceptionHandling(e -> e.authenticationEntryPoint(problemEntryPoint))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  @Bean
  @Order(2)
  SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
    // Cockpit, Tasklist and Admin authenticate and protect against CSRF themselves
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
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader("WWW-Authenticate", "Basic realm=\"baton\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), ProblemHandler.problem(
          HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
          "log in with HTTP Basic as a Camunda user (demo/demo on a demo installation)"));
    };
  }

  @Bean
  AuthenticationProvider camundaUsers(IdentityService identity) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        if (password == null || !identity.checkPassword(user, password.toString())) {
          throw new BadCredentialsException("wrong user name or password");
        }
        List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user)
            .list().stream().map(Group::getId).map(g -> new SimpleGrantedAuthority("GROUP_" + g))
            .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
      }

      @Override
      public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }
}
