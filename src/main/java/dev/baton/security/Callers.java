package dev.baton.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities a request carries for its caller (Camunda groups, tenants, Baton roles) and
 * the {@link Caller} read back from them.
 */
final class Callers {

  static final String GROUP = "GROUP_";
  static final String TENANT = "TENANT_";

  private Callers() {}

  static List<GrantedAuthority> authorities(List<String> groups, List<String> tenants) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    groups.forEach(g -> authorities.add(new SimpleGrantedAuthority(GROUP + g)));
    tenants.forEach(t -> authorities.add(new SimpleGrantedAuthority(TENANT + t)));
    new Caller("-", groups, tenants).roles()
        .forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
    return authorities;
  }

  static Caller of(Authentication auth) {
    List<String> groups = new ArrayList<>();
    List<String> tenants = new ArrayList<>();
    for (GrantedAuthority a : auth.getAuthorities()) {
      String name = a.getAuthority();
      if (name.startsWith(GROUP)) {
        groups.add(name.substring(GROUP.length()));
      } else if (name.startsWith(TENANT)) {
        tenants.add(name.substring(TENANT.length()));
      }
    }
    return new Caller(auth.getName(), groups, tenants);
  }
}
