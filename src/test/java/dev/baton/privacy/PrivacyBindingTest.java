package dev.baton.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The settings as Spring binds them: defaults, custom domains, a start refused clearly. */
class PrivacyBindingTest {

  @Configuration
  @EnableConfigurationProperties(PrivacyProperties.class)
  static class Settings {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Settings.class);

  @Test
  void defaultsAreAllDetectorsNothingKept() {
    runner.run(context -> {
      PrivacyProperties p = context.getBean(PrivacyProperties.class);
      assertThat(p.enabled()).isTrue();
      assertThat(p.detectors()).containsExactly("email", "phone", "card", "secret");
      assertThat(p.keepOriginal()).isFalse();
      assertThat(p.reviewForm()).isTrue();
      assertThat(p.redactInput()).isFalse();
      assertThat(p.logs()).isTrue();
      assertThat(p.domains()).isEmpty();
    });
  }

  @Test
  void customDomainsBindFromProperties() {
    runner.withPropertyValues("baton.privacy.domains.customer_data.patterns[0]=CUST-[0-9]{4}",
        "baton.privacy.detectors=email,card").run(context -> {
          PrivacyProperties p = context.getBean(PrivacyProperties.class);
          assertThat(p.domains().get("customer_data").patterns())
              .containsExactly("CUST-[0-9]{4}");
          assertThat(PiiRedactor.of(p, null).redact("CUST-1234 +1 415 555 0134"))
              .isEqualTo("[redacted:customer_data] +1 415 555 0134");
        });
  }

  @Test
  void anInvalidPatternStopsTheStartNamingTheProperty() {
    runner.withPropertyValues("baton.privacy.domains.customer_data.patterns[0]=CUST-(")
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable root = context.getStartupFailure();
          StringBuilder messages = new StringBuilder();
          for (Throwable t = root; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
          }
          assertThat(messages.toString())
              .contains("baton.privacy.domains.customer_data.patterns[0] 'CUST-(':")
              .contains("not a valid RE2 regular expression");
        });
  }
}
