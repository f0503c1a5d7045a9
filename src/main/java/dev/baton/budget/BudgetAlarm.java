package dev.baton.budget;

/** Where the budget guard raises an ALERT of the decision table. */
@FunctionalInterface
interface BudgetAlarm {

  /**
   * @param alertOn the decision table's {@code alertOn} output: which limit or threshold was
   *     crossed (null for a rule an analyst added without one: once per run)
   * @param run the run, its workflow and tenant (null: the installation's)
   * @return whether this call raised the alert (false: already alerted for this crossing)
   */
  boolean raise(RunRef run, String alertOn, String reason);
}
