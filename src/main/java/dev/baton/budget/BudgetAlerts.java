package dev.baton.budget;

import dev.baton.BatonProperties;
import dev.baton.notify.Notifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises a budget alert once per threshold crossing: a run reaching its alert threshold or
 * passing its soft-capped budget alerts once per run; a workflow or tenant passing a soft daily
 * or monthly limit alerts once per day or month, however many runs pass it. The crossing is
 * claimed by inserting its key in its own transaction (the first engine node wins), then the
 * notification goes out and the counter {@code baton.budget.alerts} counts it. The claim does
 * not wait for the budget check's transaction: if that one is rolled back and repeated, the
 * crossing has still happened and is not alerted twice.
 */
@Component
class BudgetAlerts implements BudgetAlarm {

  /** Micrometer counter of alerted crossings, tagged with {@code limit} and {@code workflow}. */
  public static final String METRIC = "baton.budget.alerts";

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(BudgetAlerts.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separate;
  private final Notifier notifier;
  private final MeterRegistry meters;
  private final List<String> channels;
  private final Clock clock;
  private final String tenantId;

  BudgetAlerts(JdbcTemplate jdbc, PlatformTransactionManager transactions, Notifier notifier,
      MeterRegistry meters, BatonProperties properties) {
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.notifier = notifier;
    this.meters = meters;
    this.channels = properties.budget().alertChannels();
    this.clock = Clock.systemUTC();
    this.tenantId = properties.tenantId();
  }

  @Override
  public boolean raise(RunRef of, String alertOn, String reason) {
    RunRef run = new RunRef(of.runId(), of.workflowId(),
        of.tenantId() == null ? tenantId : of.tenantId());
    String limit = alertOn == null || alertOn.isBlank() ? "alert" : alertOn;
    String key = crossingKey(run, limit);
    try {
      separate.executeWithoutResult(status -> jdbc.update(
          "INSERT INTO baton_budget_alert (crossing_key, run_id, workflow_id, tenant_id, "
              + "alert_on, reason, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          key, run.runId(), run.workflowId(), run.tenantId(), limit, truncate(reason),
          Timestamp.from(clock.instant())));
    } catch (DuplicateKeyException alreadyAlerted) {
      return false;
    }
    Counter.builder(METRIC).description("Budget threshold crossings alerted")
        .tag("limit", limit).tag("workflow", run.workflowId())
        .register(meters).increment();
    // the structured line of docs/operations.md; the trace id when one is in scope (a worker)
    String trace = org.slf4j.MDC.get("traceId");
    log.info("event=budget.alert run={} workflow={} tenant={}{} limit=\"{}\"", run.runId(),
        run.workflowId(), run.tenantId(), trace == null ? "" : " trace=" + trace, limit);
    notifier.send(channels, "Budget alert for run " + run.runId() + " of workflow '"
        + run.workflowId() + "': " + reason);
    return true;
  }

  /** The crossing's identity: the scope that crossed, in its period. */
  String crossingKey(RunRef run, String limit) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    String day = today.toString();
    String month = day.substring(0, 7);
    return switch (limit) {
      case "workflow daily limit" -> "workflow:" + run.workflowId() + ":day:" + day;
      case "workflow monthly limit" -> "workflow:" + run.workflowId() + ":month:" + month;
      case "tenant daily limit" -> "tenant:" + run.tenantId() + ":day:" + day;
      case "tenant monthly limit" -> "tenant:" + run.tenantId() + ":month:" + month;
      default -> "run:" + run.runId() + ":" + limit;
    };
  }

  private static String truncate(String reason) {
    return reason.length() > 1990 ? reason.substring(0, 1990) + "..." : reason;
  }
}
