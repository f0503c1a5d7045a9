package dev.baton.spec;

import java.math.BigDecimal;

/**
 * The {@code metadata} block of a spec.
 *
 * @param slaMs wall-clock target for a whole run; a breach is marked on the run, not fatal
 * @param budgetUsd the most one run may spend
 * @param allowPartialCompletion whether a failed non-critical node may leave the run successful
 */
public record Metadata(
    String name,
    String description,
    String version,
    Long slaMs,
    BigDecimal budgetUsd,
    boolean allowPartialCompletion) {}
