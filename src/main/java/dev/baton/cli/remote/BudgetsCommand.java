package dev.baton.cli.remote;

import picocli.CommandLine.Command;

/**
 * {@code baton budgets [status] [--workflow W]}: budgets with what was spent today and this
 * month ({@code status} is seed 000's spelling).
 */
@Command(name = "budgets", description = "Budgets and what was spent against them.",
    subcommands = BudgetsCommand.Status.class)
public final class BudgetsCommand extends BudgetReport {

  @Command(name = "status", description = "The same: budgets and their spend.")
  static final class Status extends BudgetReport {}
}
