package dev.baton.spec;

import java.math.BigDecimal;

/**
 * How large a spec and its values may be. Checked before the schema and the semantic checks,
 * so that a huge spec is refused in milliseconds rather than walked; every refusal names the
 * JSON path and the setting ({@code baton.limits.*}) that bounds it.
 *
 * @param maxSpecBytes the spec's JSON, in UTF-8 bytes
 * @param maxDepth nesting of objects and arrays
 * @param maxNodes entries of {@code nodes}
 * @param maxEdges entries of {@code edges} plus every {@code dependencies} entry
 * @param maxIdLength node ids (they become BPMN ids and variable names), role and user ids
 * @param maxNameLength {@code metadata.name} and node names
 * @param maxDescriptionLength {@code metadata.description}
 * @param maxStringLength any other string (condition fields and values, config strings)
 * @param maxConfigBytes one node's {@code config}, as JSON
 * @param maxRegexLength a {@code matches} pattern
 * @param maxUsd {@code budget_usd} and {@code raise_usd}
 * @param maxTimeoutMs an agent task's {@code timeout_ms}
 * @param maxSlaMs {@code metadata.sla_ms}
 * @param maxTimeoutHours gate timeouts, escalation levels, the budget-override timeout
 * @param maxTokens {@code config.max_tokens}
 * @param maxTemperature {@code config.temperature}
 * @param maxIterations {@code config.max_iterations} of conditions and gates
 * @param maxCallsPerNode {@code config.max_model_calls} and {@code config.max_tool_calls}
 */
public record SpecLimits(
    int maxSpecBytes,
    int maxDepth,
    int maxNodes,
    int maxEdges,
    int maxIdLength,
    int maxNameLength,
    int maxDescriptionLength,
    int maxStringLength,
    int maxConfigBytes,
    int maxRegexLength,
    BigDecimal maxUsd,
    long maxTimeoutMs,
    long maxSlaMs,
    double maxTimeoutHours,
    long maxTokens,
    double maxTemperature,
    int maxIterations,
    int maxCallsPerNode) {

  /** Version tags are stored by Camunda in a 64-character column. */
  public static final int MAX_VERSION_LENGTH = 64;

  public static final SpecLimits DEFAULTS = new SpecLimits(
      1_048_576, 64, 1_000, 4_000, 64, 200, 4_000, 10_000, 32_768, 1_000,
      new BigDecimal("1000000"), 7L * 24 * 3_600_000, 365L * 24 * 3_600_000, 24 * 365,
      1_000_000, 2.0, 100, 1_000);

  public SpecLimits {
    if (maxSpecBytes < 1 || maxDepth < 4 || maxNodes < 1 || maxEdges < 0 || maxIdLength < 1
        || maxNameLength < 1 || maxDescriptionLength < 1 || maxStringLength < 1
        || maxConfigBytes < 2 || maxRegexLength < 1 || maxUsd == null || maxUsd.signum() <= 0
        || maxTimeoutMs < 1 || maxSlaMs < 1 || !(maxTimeoutHours > 0) || maxTokens < 1
        || !(maxTemperature >= 0) || maxIterations < 1 || maxCallsPerNode < 1) {
      throw new IllegalArgumentException("spec limits must be positive: " + this);
    }
    // ids grow by generated suffixes into BPMN ids, variable names and flow ids (255 in
    // Camunda's tables)
    if (maxIdLength > 64) {
      throw new IllegalArgumentException("max id length is at most 64, not " + maxIdLength);
    }
  }
}
