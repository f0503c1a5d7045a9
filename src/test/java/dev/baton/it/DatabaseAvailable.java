package dev.baton.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the PostgreSQL run, loudly, where no PostgreSQL is reachable on a developer's machine.
 * In CI ({@code CI=true}) an unreachable database fails the build instead: there the
 * PostgreSQL suite must run.
 */
public class DatabaseAvailable implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String reason = TestDatabase.unavailableReason();
    if (reason == null) {
      return ConditionEvaluationResult.enabled("database " + TestDatabase.KIND + " available");
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI must run the PostgreSQL suite, but " + reason);
    }
    System.err.println("SKIPPING PostgreSQL integration tests: " + reason);
    return ConditionEvaluationResult.disabled("SKIPPED: " + reason);
  }
}
