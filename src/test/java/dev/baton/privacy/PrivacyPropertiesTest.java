package dev.baton.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom domains: compiled safely, refused clearly. */
class PrivacyPropertiesTest {

  private static PrivacyProperties domain(String name, String... patterns) {
    return new PrivacyProperties(true, PrivacyProperties.BUILT_IN, false, true, false, true,
        Map.of(name, new PrivacyProperties.Domain(List.of(patterns))));
  }

  @Test
  void customDomainPatternsAreMaskedWithTheDomainsName() {
    PiiRedactor redactor = PiiRedactor.of(domain("customer_data", "CUST-\\d{4}-\\d{2}",
        "(?i)acct[ #]*\\d{6}"), null);
    assertThat(redactor.redact("customer CUST-4821-77, ACCT #123456, not CUST-48-1"))
        .isEqualTo("customer [redacted:customer_data], [redacted:customer_data], "
            + "not CUST-48-1");
  }

  @Test
  void anInvalidPatternIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> domain("customer_data", "CUST-\\d{4}", "CUST-("))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baton.privacy.domains.customer_data.patterns[1] 'CUST-(':")
        .hasMessageContaining("not a valid RE2 regular expression");
  }

  @Test
  void backreferencesAndLookaroundAreRefused() {
    assertThatThrownBy(() -> domain("x", "(a)\\1")).hasMessageContaining("patterns[0]");
    assertThatThrownBy(() -> domain("x", "a(?=b)")).hasMessageContaining("patterns[0]");
  }

  @Test
  void aPatternThatExplodesTheAutomatonIsRefusedBeforeCompiling() {
    assertThatThrownBy(() -> domain("x", "((a{1000}){1000}){1000}"))
        .hasMessageContaining("baton.privacy.domains.x.patterns[0]")
        .hasMessageContaining("automaton states");
  }

  @Test
  void aPatternMatchingEmptyTextIsRefused() {
    for (String empty : List.of("a*", "^", "\\b", "x|")) {
      assertThatThrownBy(() -> domain("x", empty)).as(empty)
          .hasMessageContaining("matches the empty string");
    }
  }

  @Test
  void badDomainNamesAndDetectorsAreRefused() {
    assertThatThrownBy(() -> domain("Bad Name", "x"))
        .hasMessageStartingWith("baton.privacy.domains.Bad Name:");
    assertThatThrownBy(() -> domain("email", "x"))
        .hasMessageContaining("built-in detectors");
    assertThatThrownBy(() -> new PrivacyProperties(true, List.of("email", "ssn"), false, true,
        false, true, Map.of())).hasMessageStartingWith("baton.privacy.detectors: unknown "
        + "detector 'ssn'");
    assertThatThrownBy(() -> domain("x")).hasMessageContaining("at least one pattern");
  }

  @Test
  void anEvilPatternRunsInLinearTime() {
    PiiRedactor redactor = PiiRedactor.of(domain("x", "(a+)+b"), null);
    String text = "a".repeat(200_000);
    long start = System.nanoTime();
    assertThat(redactor.redact(text)).isEqualTo(text);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }

  @Test
  void disabledOrDetectorsLeftOutRedactNothing() {
    PrivacyProperties off = new PrivacyProperties(false, PrivacyProperties.BUILT_IN, false,
        true, false, true, Map.of());
    assertThat(PiiRedactor.of(off, null).redact("a@b.example")).isEqualTo("a@b.example");
    PrivacyProperties onlyCards = new PrivacyProperties(true, List.of("card"), false, true,
        false, true, Map.of());
    assertThat(PiiRedactor.of(onlyCards, null).redact("a@b.example 4111111111111111"))
        .isEqualTo("a@b.example [redacted:card]");
  }

  @Test
  void policyDomainsWithoutPatternsOrABuiltInDetectorAreReported() {
    PrivacyProperties settings = domain("customer_data", "CUST-[0-9]{4}");
    assertThat(PolicyDomains.uncovered(List.of("customer_data", "secrets", "health"), settings))
        .isEmpty();
    PrivacyProperties onlyEmail = new PrivacyProperties(true, List.of("email"), false, true,
        false, true, Map.of());
    assertThat(PolicyDomains.uncovered(List.of("secrets", "customer_data"), onlyEmail))
        .containsExactly("secrets");
    PrivacyProperties onlySecrets = new PrivacyProperties(true, List.of("secret"), false, true,
        false, true, Map.of("health", new PrivacyProperties.Domain(List.of("MRN[0-9]{7}"))));
    assertThat(PolicyDomains.uncovered(List.of("secrets", "customer_data", "health"),
        onlySecrets)).containsExactly("customer_data");
  }
}
