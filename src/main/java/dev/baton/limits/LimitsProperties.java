package dev.baton.limits;

import dev.baton.spec.SpecLimits;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baton.limits.*}: how much callers may send. The spec limits are described on {@link
 * SpecLimits}; the others here.
 *
 * @param maxRequestBytes a request body under {@code /api} (larger: 413)
 * @param maxInputBytes a run's {@code input_data}, as JSON
 * @param maxBudgetUsd daily and monthly budgets ({@code /api/budgets}); per-run amounts use
 *     {@code maxUsd}
 * @param maxPriority a run's priority lies in [-maxPriority, maxPriority]
 */
@ConfigurationProperties("baton.limits")
public record LimitsProperties(
    @DefaultValue("2097152") int maxRequestBytes,
    @DefaultValue("262144") int maxInputBytes,
    @DefaultValue("1048576") int maxSpecBytes,
    @DefaultValue("64") int maxDepth,
    @DefaultValue("1000") int maxNodes,
    @DefaultValue("4000") int maxEdges,
    @DefaultValue("64") int maxIdLength,
    @DefaultValue("200") int maxNameLength,
    @DefaultValue("4000") int maxDescriptionLength,
    @DefaultValue("10000") int maxStringLength,
    @DefaultValue("32768") int maxConfigBytes,
    @DefaultValue("1000") int maxRegexLength,
    @DefaultValue("1000000") BigDecimal maxUsd,
    @DefaultValue("1000000000") BigDecimal maxBudgetUsd,
    @DefaultValue("604800000") long maxTimeoutMs,
    @DefaultValue("31536000000") long maxSlaMs,
    @DefaultValue("8760") double maxTimeoutHours,
    @DefaultValue("1000000") long maxTokens,
    @DefaultValue("2") double maxTemperature,
    @DefaultValue("100") int maxIterations,
    @DefaultValue("1000") int maxCallsPerNode,
    @DefaultValue("1000") int maxPriority) {

  public static final LimitsProperties DEFAULTS = new LimitsProperties(2_097_152, 262_144,
      1_048_576, 64, 1_000, 4_000, 64, 200, 4_000, 10_000, 32_768, 1_000,
      new BigDecimal("1000000"), new BigDecimal("1000000000"), 604_800_000L, 31_536_000_000L,
      8_760, 1_000_000, 2, 100, 1_000, 1_000);

  public LimitsProperties {
    if (maxRequestBytes < 1_024 || maxInputBytes < 2 || maxPriority < 0
        || maxBudgetUsd == null || maxBudgetUsd.signum() <= 0) {
      throw new IllegalArgumentException("baton.limits: request and input limits must be "
          + "positive (max-request-bytes at least 1024)");
    }
    // the spec limits check themselves
    new SpecLimits(maxSpecBytes, maxDepth, maxNodes, maxEdges, maxIdLength, maxNameLength,
        maxDescriptionLength, maxStringLength, maxConfigBytes, maxRegexLength, maxUsd,
        maxTimeoutMs, maxSlaMs, maxTimeoutHours, maxTokens, maxTemperature, maxIterations,
        maxCallsPerNode);
  }

  /** The limits of specs, for the reader. */
  public SpecLimits spec() {
    return new SpecLimits(maxSpecBytes, maxDepth, maxNodes, maxEdges, maxIdLength,
        maxNameLength, maxDescriptionLength, maxStringLength, maxConfigBytes, maxRegexLength,
        maxUsd, maxTimeoutMs, maxSlaMs, maxTimeoutHours, maxTokens, maxTemperature,
        maxIterations, maxCallsPerNode);
  }
}
