package dev.baton.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at start-up how each PII domain the governance policy names ({@code security.pii_domains},
 * bound to {@code baton.governance.pii-domains}, docs/governance.md) is redacted: {@code secrets}
 * by the built-in secret detector; a domain with {@code baton.privacy.domains.<name>.patterns}
 * by those patterns; any other (seed 000's {@code customer_data}) by the built-in personal-data
 * detectors (e-mail, phone, card). A domain none of these covers, and a policy naming domains
 * while redaction is off, get a warning. The property is read by name, so this package needs
 * nothing of the governance package.
 */
@Component
class PolicyDomains {

  private static final Logger log = LoggerFactory.getLogger(PolicyDomains.class);
  static final String PROPERTY = "baton.governance.pii-domains";

  private final List<String> uncovered;

  PolicyDomains(Environment environment, PrivacyProperties privacy) {
    List<String> named = Binder.get(environment)
        .bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
    this.uncovered = uncovered(named, privacy);
    if (named.isEmpty()) {
      return;
    }
    if (!privacy.enabled()) {
      log.warn("The governance policy names PII domains {} but baton.privacy.enabled is false: "
          + "nothing is redacted", named);
      return;
    }
    for (String domain : uncovered) {
      log.warn("The governance policy names PII domain '{}', but no detector covers it: set "
          + "baton.privacy.domains.{}.patterns or turn on a built-in detector "
          + "(docs/privacy.md)", domain, domain);
    }
    log.info("PII redaction covers the governance policy's domains {} (detectors {}, custom "
        + "domains {})", named, privacy.detectors(), privacy.domains().keySet());
  }

  /** The named domains that no custom pattern and no built-in detector covers. */
  static List<String> uncovered(List<String> named, PrivacyProperties privacy) {
    List<String> detectors = privacy.detectors();
    boolean personal = detectors.contains("email") || detectors.contains("phone")
        || detectors.contains("card");
    List<String> out = new ArrayList<>();
    for (String domain : named) {
      String name = domain.toLowerCase(Locale.ROOT);
      boolean covered = privacy.domains().containsKey(domain)
          || (name.equals("secrets") || name.equals("secret")
              ? detectors.contains("secret") : personal);
      if (!covered) {
        out.add(domain);
      }
    }
    return out;
  }

  List<String> uncovered() {
    return uncovered;
  }
}
