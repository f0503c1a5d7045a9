package dev.baton.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files as people write them: seed 000's verbatim, Baton's shipped one, and mistakes. */
class PolicyFileTest {

  @TempDir
  Path dir;

  @Test
  void seedZerosPolicyReadsAsWrittenAndBecomesBatonsSettings() {
    PolicyFile.Read read = PolicyFile.read(Path.of("src/test/resources/governance/"
        + "seed-000-policy.yml"));
    assertThat(read.name()).isEqualTo("enterprise_automation");
    assertThat(read.settings())
        .containsEntry("baton.governance.allowed-agent-types",
            "planner,builder,qa,docs,governance,cost,integration")
        .containsEntry("baton.budget.default-per-run-usd", "2.0")
        .containsEntry("baton.worker.retries", 3)
        .containsEntry("baton.governance.require-human-gates", "prod_deploy,db_migration")
        .containsEntry("baton.governance.run-sla-ms", 900000L)
        .containsEntry("baton.governance.max-concurrent-runs", 100)
        .containsEntry("baton.budget.enforcement", "hard_cap")
        .containsEntry("baton.budget.alert-threshold-percent", 80)
        .containsEntry("baton.governance.pii-domains", "customer_data,secrets");
  }

  @Test
  void theShippedPolicyIsValidAndStatesTheDefaults() {
    PolicyFile.Read read = PolicyFile.read(Path.of(PolicyFile.DEFAULT_LOCATION));
    assertThat(read.settings()).containsEntry("baton.compiler.history-time-to-live", "P30D")
        .containsEntry("baton.budget.alert-threshold-percent", 80)
        .doesNotContainKeys("baton.governance.max-concurrent-runs",
            "baton.budget.enforcement", "baton.budget.default-per-run-usd");
  }

  @Test
  void sectionsMayStandAtTheTopAndRetentionMayBeDays() throws IOException {
    PolicyFile.Read read = PolicyFile.read(write("workflows:\n  history_time_to_live: 90\n"));
    assertThat(read.name()).isNull();
    assertThat(read.settings()).containsEntry("baton.compiler.history-time-to-live", "P90D");
  }

  @Test
  void aMisspeltKeyIsNamedWithItsPathAndTheKeysKnownThere() throws IOException {
    Path file = write("acme:\n  agents:\n    allowed_type: [qa]\n");
    assertThatThrownBy(() -> PolicyFile.read(file)).isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("unknown key 'acme.agents.allowed_type'")
        .hasMessageContaining("allowed_types");
  }

  @Test
  void everyBadValueIsListedAtOnce() throws IOException {
    Path file = write("""
        acme:
          budgets:
            enforcement: strict
            alert_at_percent: 120
          agents:
            max_retries: 50
          workflows:
            max_concurrent_runs: 0
            history_time_to_live: P1M
        """);
    assertThatThrownBy(() -> PolicyFile.read(file)).isInstanceOfSatisfying(
        InvalidPolicyException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "acme.agents.max_retries must be 0 to 10 (was 50)",
            "acme.workflows.max_concurrent_runs must be at least 1",
            "acme.workflows.history_time_to_live must be days, e.g. P30D or 30 (was 'P1M')",
            "acme.budgets.enforcement must be hard_cap or soft_cap (was 'strict')",
            "acme.budgets.alert_at_percent must be 1 to 100 (was 120)"));
  }

  @Test
  void aGuaranteeCannotBeSwitchedOff() throws IOException {
    Path file = write("acme:\n  security:\n    audit_trail_required: false\n");
    assertThatThrownBy(() -> PolicyFile.read(file))
        .hasMessageContaining("acme.security.audit_trail_required: false is not possible");
  }

  @Test
  void aWrongTypeAndBrokenYamlSayWhere() throws IOException {
    Path wrongType = write("acme:\n  workflows:\n    run_sla_ms: soon\n");
    assertThatThrownBy(() -> PolicyFile.read(wrongType))
        .hasMessageContaining("'acme.workflows.run_sla_ms'");
    Path broken = write("acme:\n  agents: [\n");
    assertThatThrownBy(() -> PolicyFile.read(broken)).hasMessageContaining("not YAML");
    Path empty = write("");
    assertThatThrownBy(() -> PolicyFile.read(empty)).hasMessageContaining("empty");
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "policy", ".yml");
    Files.writeString(file, yaml);
    return file;
  }
}
