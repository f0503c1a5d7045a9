package dev.baton.privacy;

import com.google.re2j.Pattern;
import dev.baton.spec.RegexDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * PII redaction ({@code baton.privacy.*}, docs/privacy.md). Checked when bound: an unknown
 * detector, a domain name that is not an identifier, or a pattern RE2 refuses, that is too long
 * or too large, or that matches the empty string stops the start with a message naming the
 * property.
 *
 * @param enabled off: nothing is redacted anywhere
 * @param detectors the built-in detectors in use: {@code email}, {@code phone}, {@code card},
 *     {@code secret}
 * @param keepOriginal the reply journal keeps the unredacted output (until the task completes);
 *     variables, history, logs and incidents never hold it
 * @param reviewForm what approvers read on a gate or budget-override form is redacted
 * @param redactInput the run input is redacted before it is stored (agents then see the masks)
 * @param logs every log line is redacted ({@link RedactingLogFilter})
 * @param domains custom PII domains: {@code domains.<name>.patterns}, RE2 regular expressions
 */
@ConfigurationProperties("baton.privacy")
public record PrivacyProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue({"email", "phone", "card", "secret"}) List<String> detectors,
    @DefaultValue("false") boolean keepOriginal,
    @DefaultValue("true") boolean reviewForm,
    @DefaultValue("false") boolean redactInput,
    @DefaultValue("true") boolean logs,
    Map<String, Domain> domains) {

  static final List<String> BUILT_IN = List.of("email", "phone", "card", "secret");
  /** Longest custom pattern accepted; RE2 bounds the time, this the automaton's size. */
  static final int MAX_PATTERN_LENGTH = 500;
  private static final java.util.regex.Pattern DOMAIN_NAME =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  /** @param patterns what values of this domain look like (RE2 syntax) */
  public record Domain(List<String> patterns) {
    public Domain {
      patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }
  }

  public PrivacyProperties {
    detectors = detectors == null ? List.of() : List.copyOf(detectors);
    domains = domains == null ? Map.of() : new LinkedHashMap<>(domains);
    for (String detector : detectors) {
      if (!BUILT_IN.contains(detector)) {
        throw new IllegalArgumentException("baton.privacy.detectors: unknown detector '"
            + detector + "'; choose from " + BUILT_IN);
      }
    }
    for (Map.Entry<String, Domain> domain : domains.entrySet()) {
      compile(domain.getKey(), domain.getValue());
    }
  }

  /** The domain's patterns, compiled, or an exception naming the property at fault. */
  static List<Pattern> compile(String name, Domain domain) {
    String property = "baton.privacy.domains." + name;
    if (!DOMAIN_NAME.matcher(name).matches() || BUILT_IN.contains(name)) {
      throw new IllegalArgumentException(property + ": a domain's name is lower-case letters, "
          + "digits, '_' and '-' (at most 40) and not one of the built-in detectors " + BUILT_IN);
    }
    if (domain == null || domain.patterns().isEmpty()) {
      throw new IllegalArgumentException(property + ".patterns: a domain needs at least one "
          + "pattern");
    }
    List<Pattern> compiled = new ArrayList<>();
    for (int i = 0; i < domain.patterns().size(); i++) {
      String regex = domain.patterns().get(i);
      String at = property + ".patterns[" + i + "]";
      if (regex == null || regex.isBlank()) {
        throw new IllegalArgumentException(at + ": the pattern is empty");
      }
      Optional<String> problem = RegexDialect.problem(regex, MAX_PATTERN_LENGTH);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(at + " '" + regex + "': " + problem.get());
      }
      Pattern pattern = Pattern.compile(regex);
      if (matchesNothingness(pattern)) {
        throw new IllegalArgumentException(at + " '" + regex + "': the pattern matches the "
            + "empty string, so it would match everywhere; make it require at least one "
            + "character");
      }
      compiled.add(pattern);
    }
    return compiled;
  }

  /** Whether the pattern can match an empty stretch of text (as "a*", "^", "\\b" can). */
  private static boolean matchesNothingness(Pattern pattern) {
    for (String probe : List.of("", "a", "0", " ", "-", "aZ0 _-.@")) {
      com.google.re2j.Matcher m = pattern.matcher(probe);
      while (m.find()) {
        if (m.end() == m.start()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The defaults: built-in detectors on, nothing kept, no custom domains. */
  public static PrivacyProperties defaults() {
    return new PrivacyProperties(true, BUILT_IN, false, true, false, true, Map.of());
  }
}
