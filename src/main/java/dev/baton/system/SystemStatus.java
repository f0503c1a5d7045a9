package dev.baton.system;

import dev.baton.budget.BudgetService.BudgetView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/system/status}, in seed 003's sections ({@code engine}, {@code monitoring},
 * {@code rate_limiting}, {@code cost_tracking}) plus the agent-task {@code queue}.
 */
record SystemStatus(Instant at, Engine engine, Monitoring monitoring, Queue queue,
    List<ProviderLimits> rateLimiting, CostTracking costTracking) {

  /** The processes that wrote their heartbeat within the last minute. */
  public record Engine(boolean running, long workflows, List<Node> nodes) {}

  public record Node(String nodeId, String role, Instant startedAt, Instant lastSeen) {}

  /** Runs the caller may read. */
  public record Monitoring(long runsInFlight, long approvalsPending, long runsWithIncidents,
      long runsStartedToday, long runsEndedToday) {}

  /** Agent tasks waiting for a worker, held by one, and engine jobs due. */
  public record Queue(long agentTasksQueued, long agentTasksLocked, long jobsDue) {}

  /**
   * A model of the catalogue: its provider, its limits (the model's, else its provider's; null
   * is unlimited) and its circuit ({@code closed}, {@code open}, {@code half_open}; {@code
   * none}: not called yet or not guarded).
   */
  public record ProviderLimits(String model, String provider, Integer requestsPerMinute,
      Integer tokensPerMinute, Integer maxConcurrent, String circuit,
      Float failureRatePercent) {}

  /** What the ledger holds for today (UTC), and the caller's budgets with their spend. */
  public record CostTracking(BigDecimal todayUsd, long tokensToday, List<BudgetView> budgets) {}
}
