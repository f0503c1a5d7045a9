package dev.baton.audit;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting right now, for entries whose caller does not say: the user the engine command
 * runs for (webapps, {@code /engine-rest}, Baton's services that set it), else the user Spring
 * Security authenticated ({@code /api}), else {@code system} (the job executor, the worker,
 * start-up).
 */
@Component
class AuditActors {

  static final String SYSTEM = "system";

  private final Supplier<IdentityService> identity;

  @Autowired
  AuditActors(ObjectProvider<IdentityService> identity) {
    // looked up when needed: the engine's plugins need the audit log before the engine exists
    this(identity::getIfAvailable);
  }

  AuditActors(Supplier<IdentityService> identity) {
    this.identity = identity;
  }

  String current() {
    var command = Context.getCommandContext();
    if (command != null && command.getAuthenticatedUserId() != null) {
      return command.getAuthenticatedUserId();
    }
    var spring = SecurityContextHolder.getContext().getAuthentication();
    if (spring != null && spring.isAuthenticated()
        && !(spring instanceof AnonymousAuthenticationToken)) {
      return spring.getName();
    }
    IdentityService engine = identity.get();
    Authentication auth = engine == null ? null : engine.getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      return auth.getUserId();
    }
    return SYSTEM;
  }
}
