package dev.baton.spec;

import java.math.BigDecimal;

/**
 * The {@code metadata} block of a spec.
 *
 * @param slaMs wall-clock target for a whole run; a breach is marked on the run, not fatal
 * @param budgetUsd the most one run may spend
 * @param allowPartialCompletion whether a failed non-critical node may leave the run successful
 * @param budgetOverride the budget-override approval policy, or null: a breached hard cap stops
 *     the run
 */
public record Metadata(
    String name,
    String description,
    String version,
    Long slaMs,
    BigDecimal budgetUsd,
    boolean allowPartialCompletion,
    BudgetOverride budgetOverride) {

  public Metadata(String name, String description, String version, Long slaMs,
      BigDecimal budgetUsd, boolean allowPartialCompletion) {
    this(name, description, version, slaMs, budgetUsd, allowPartialCompletion, null);
  }
}
