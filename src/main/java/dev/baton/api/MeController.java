package dev.baton.api;

import dev.baton.security.BatonRole;
import dev.baton.security.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is to Baton: their roles and tenants (what the CLI's whoami shows). */
@RestController
class MeController {

  /**
   * @param roles Baton's roles the caller has, implied ones included (see docs/security.md)
   * @param tenants the tenants whose workflows, runs and agents the caller sees
   */
  record Me(String user, List<String> roles, List<String> groups, List<String> tenants,
      boolean admin) {}

  @GetMapping("/api/me")
  Me me(Caller caller) {
    return new Me(caller.userId(),
        caller.roles().stream().map(BatonRole::name).map(String::toLowerCase).sorted().toList(),
        caller.groups(), caller.tenants(), caller.isAdmin());
  }
}
