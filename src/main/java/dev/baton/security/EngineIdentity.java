package dev.baton.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the caller, so that the engine's authorization and tenant checks apply
 * to {@code /api} exactly as to {@code /engine-rest}, and history names the person. Baton's own
 * work ({@link Caller#system()}) runs unauthenticated, which the engine does not check.
 */
@Component
public class EngineIdentity {

  private final IdentityService identity;

  EngineIdentity(IdentityService identity) {
    this.identity = identity;
  }

  public <T> T as(Caller caller, Supplier<T> work) {
    if (caller.isSystem()) {
      return work.get();
    }
    var previous = identity.getCurrentAuthentication();
    identity.setAuthentication(caller.userId(), caller.groups(), caller.tenants());
    try {
      return work.get();
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }

  public void run(Caller caller, Runnable work) {
    as(caller, () -> {
      work.run();
      return null;
    });
  }
}
