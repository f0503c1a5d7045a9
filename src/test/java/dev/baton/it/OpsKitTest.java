package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules and dashboard parse, and every metric they query is one Baton
 * registers (a meter name in the main code, in Prometheus' spelling) or one of the few
 * libraries' meters it relies on. {@link ObservabilityIT} checks the same names against a
 * running application's /actuator/prometheus; CI also runs {@code promtool check rules}.
 */
class OpsKitTest {

  /** Meters of libraries: resilience4j's circuit state, and Prometheus' own {@code up}. */
  static final Set<String> LIBRARY = Set.of("resilience4j_circuitbreaker_state", "up");

  private static final Pattern METER_NAME =
      Pattern.compile("\"((?:baton|workflow)\\.[a-z0-9_.]+)\"");

  @Test
  void theRulesAndTheDashboardParseAndHaveQueries() throws IOException {
    assertThat(OpsKit.alertRules()).hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy((name, expr) -> assertThat(expr).as(name).isNotBlank())
        .containsKeys("BatonRunFailureRateHigh", "BatonIncidentsOpen", "BatonBudgetAlerts",
            "BatonApprovalsStuck", "BatonProviderCircuitOpen", "BatonAgentTasksQueued");
    assertThat(OpsKit.dashboardQueries()).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void everyQueriedMetricIsOneBatonExports() throws IOException {
    Set<String> exported = exportedNames();
    assertThat(OpsKit.allMetrics()).isNotEmpty().allSatisfy(metric ->
        assertThat(LIBRARY.contains(metric) || exported.contains(metric))
            .as(metric + " is neither a meter of Baton's (" + exported + ") nor a library's")
            .isTrue());
  }

  @Test
  void theMetricParserFindsMetricsNotFunctionsOrLabels() {
    assertThat(OpsKit.metricsIn("sum by (workflow) (increase(baton_runs_failed_total"
        + "{workflow=~\"a|b\"}[15m])) / on() max(baton_jobs_due) > 0.1 and up == 0"))
        .containsExactly("baton_jobs_due", "baton_runs_failed_total", "up");
  }

  /** Meter names in the main code, as Prometheus spells them (counters, timers, gauges). */
  static Set<String> exportedNames() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = METER_NAME.matcher(Files.readString(file));
        while (m.find()) {
          String base = m.group(1).replace('.', '_');
          names.add(base);
          names.add(base + "_total");
          for (String suffix : new String[] {"_count", "_sum", "_max", "_bucket"}) {
            names.add(base + "_seconds" + suffix);
          }
        }
      }
    }
    return names;
  }
}
