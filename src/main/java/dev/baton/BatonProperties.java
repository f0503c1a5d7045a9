package dev.baton;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Baton's own settings ({@code baton.*} in application.yml).
 *
 * @param processesDir specs ({@code *.json}) and as-is BPMN/DMN files deployed at start-up
 * @param formsDir Camunda Forms deployed with every workflow
 * @param connectorsDir connector definitions (notification channels, agent tools)
 */
@ConfigurationProperties("baton")
public record BatonProperties(
    @DefaultValue("processes") Path processesDir,
    @DefaultValue("forms") Path formsDir,
    @DefaultValue("connectors") Path connectorsDir,
    @DefaultValue Demo demo,
    @DefaultValue Compiler compiler,
    @DefaultValue Worker worker,
    @DefaultValue("default") String tenantId,
    @DefaultValue Budget budget) {

  /**
   * @param enforcement {@code hard_cap} (a breached limit stops the work) or {@code soft_cap}
   * @param defaultPerRunUsd the budget of a run whose spec sets none
   * @param alertChannels where budget alerts go ({@code log}, or connector names)
   */
  public record Budget(
      @DefaultValue("hard_cap") String enforcement,
      @DefaultValue("2.00") java.math.BigDecimal defaultPerRunUsd,
      @DefaultValue("80") int alertThresholdPercent,
      @DefaultValue("log") java.util.List<String> alertChannels) {

    public boolean hardCap() {
      return !"soft_cap".equalsIgnoreCase(enforcement);
    }
  }

  public record Demo(@DefaultValue("true") boolean enabled) {}

  public record Compiler(@DefaultValue("P30D") String historyTimeToLive) {}

  /**
   * @param maxConcurrent agent calls in flight at once per JVM; the fetch loop locks no more
   *     tasks than there are free slots
   * @param retries attempts for a transient failure before an incident is raised
   */
  public record Worker(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("64") int maxConcurrent,
      @DefaultValue("60s") Duration lockDuration,
      @DefaultValue("3") int retries,
      @DefaultValue("2s") Duration retryBackoff) {}
}
