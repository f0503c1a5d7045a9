package dev.baton.budget;

import dev.baton.BatonProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the process tests' engine ({@code dev.baton.process.ProcessTestEngine}) wires by hand
 * of this package, so that its insides can stay package-private.
 */
public final class BudgetTestParts {

  private BudgetTestParts() {}

  /** The limits as the application reads them: budget rows, the run's budget in force. */
  public static LimitsSource limits(JdbcTemplate jdbc, BatonProperties properties) {
    return new BudgetLimits(jdbc, properties);
  }

  /** Keeps budget checks that allowed the task out of the decision history, as in the app. */
  public static ProcessEnginePlugin historyPlugin(MeterRegistry meters) {
    return new AllowedChecksOutOfHistory(meters);
  }

  /** The budget guard; each alert it raises is added to {@code alerts} as "limit: reason". */
  public static BudgetGuard guard(List<String> alerts) {
    return new BudgetGuard((run, alertOn, reason) -> alerts.add(alertOn + ": " + reason));
  }
}
