package dev.baton.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnvSecretsTest {

  @AfterEach
  void clear() {
    System.clearProperty("BATON_TEST_ENV_A");
    System.clearProperty("BATON_TEST_ENV_B");
  }

  @Test
  void replacesReferencesAndListsOnlyTheValuesTakenFromTheEnvironment() {
    System.setProperty("BATON_TEST_ENV_A", "token-a");

    EnvSecrets.Resolved resolved = EnvSecrets.resolve(
        "Bearer ${env:BATON_TEST_ENV_A} at ${env:BATON_TEST_ENV_B:-https://fallback}");

    assertThat(resolved.text()).isEqualTo("Bearer token-a at https://fallback");
    assertThat(resolved.sent()).containsExactly("token-a");
    assertThat(resolved.missing()).isNull();
  }

  @Test
  void namesTheFirstUnsetVariableWithoutDefaultAndGivesNoText() {
    System.setProperty("BATON_TEST_ENV_A", "  ");

    EnvSecrets.Resolved resolved =
        EnvSecrets.resolve("${env:BATON_TEST_ENV_A}/${env:BATON_TEST_ENV_B}");

    // a blank value counts as unset
    assertThat(resolved.missing()).isEqualTo("BATON_TEST_ENV_A");
    assertThat(resolved.text()).isNull();
  }

  @Test
  void replacementValuesAreTakenLiterally() {
    System.setProperty("BATON_TEST_ENV_A", "a$1\\b");

    assertThat(EnvSecrets.resolve("x=${env:BATON_TEST_ENV_A}").text()).isEqualTo("x=a$1\\b");
  }

  @Test
  void namesTheReferencedVariablesWithOrWithoutDefaults() {
    String text = "${env:B_TOKEN} ${env:A_URL:-http://x} ${env:B_TOKEN}";

    assertThat(EnvSecrets.names(text, true)).containsExactly("A_URL", "B_TOKEN");
    assertThat(EnvSecrets.names(text, false)).containsExactly("B_TOKEN");
  }
}
