package dev.baton.budget;

/** A model call refused because it could push a budget over its hard cap. */
public class BudgetExceededException extends RuntimeException {

  public BudgetExceededException(String message) {
    super(message);
  }
}
