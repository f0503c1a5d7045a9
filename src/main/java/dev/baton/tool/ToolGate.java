package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.budget.BudgetExceededException;
import dev.baton.budget.BudgetReservations;
import dev.baton.budget.CallBudget;
import dev.baton.budget.CostRecorder;
import dev.baton.connector.ConnectorException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides and carries out one tool call the model asked for: the tool must be offered to this
 * node, the agent's assignment must hold the operation's scope ({@code admin} holds every
 * scope), and the tool's hourly limit must have room. A refused call is recorded and the model
 * is told why; a call that goes out is recorded, and priced in the cost ledger at the tool's
 * {@code cost_per_use_usd}.
 */
@Component
class ToolGate {

  private static final Logger log = LoggerFactory.getLogger(ToolGate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ToolInvoker client;
  private final ToolCallLog calls;
  private final CostRecorder costs;
  private final CallBudget budget;

  ToolGate(ToolInvoker client, ToolCallLog calls, CostRecorder costs, CallBudget budget) {
    this.budget = budget;
    this.client = client;
    this.calls = calls;
    this.costs = costs;
  }

  ToolCallRecord call(ToolContext context, Map<String, OfferedTool> offered,
      ToolExecutionRequest request) {
    String name = request.name() == null ? "" : request.name();
    int split = name.indexOf(OfferedTool.SEPARATOR);
    String toolSlug = split < 0 ? name : name.substring(0, split);
    String operation = split < 0 ? "" : name.substring(split + OfferedTool.SEPARATOR.length());
    JsonNode args = arguments(request.arguments());

    OfferedTool tool = offered.get(name);
    if (tool == null) {
      // a tool of this node with a misspelt operation, or a tool the agent was never given
      boolean known = offered.values().stream().anyMatch(t -> t.tool().slug().equals(toolSlug));
      return known
          ? refuse(context, toolSlug, operation, name, args, "unknown_tool",
              "unknown function '" + name + "'; available: " + offered.keySet())
          : refuse(context, toolSlug, operation, name, args, "refused_not_assigned",
              "refused: tool '" + toolSlug + "' is not available to agent '"
                  + context.agentSlug() + "' in node '" + context.nodeId() + "'; available: "
                  + offered.keySet());
    }
    List<String> scopes = context.grants().getOrDefault(tool.tool().slug(), List.of());
    String needed = tool.operation().scope();
    if (!scopes.contains(needed) && !scopes.contains("admin")) {
      return refuse(context, toolSlug, operation, name, args, "refused_scope",
          "refused: " + name + " needs scope '" + needed + "' but agent '" + context.agentSlug()
              + "' holds " + scopes + " on tool '" + toolSlug + "'");
    }
    Long admitted = calls.admit(tool.tool(), operation, context);
    if (admitted == null) {
      return record(name, toolSlug, operation, args, "rate_limited", null, null,
          "refused: tool '" + toolSlug + "' reached its limit of "
              + tool.tool().rateLimitPerHour() + " calls per hour; try later or answer without it",
          BigDecimal.ZERO, 0);
    }
    // a priced tool is held against the run's hard caps (its budget in force) like a model call
    BudgetReservations.Reservation held;
    try {
      held = context.runId() == null ? null : budget.reserve(context.runId(),
          context.workflowId(), context.nodeId(), context.taskId(), price(tool));
    } catch (BudgetExceededException e) {
      calls.finish(admitted, "over_budget", null, e.getMessage(), 0);
      return record(name, toolSlug, operation, args, "over_budget", null, null,
          "refused: " + e.getMessage(), BigDecimal.ZERO, 0);
    }
    long started = System.nanoTime();
    try {
      BuiltinTool.Reply result = client.invoke(tool, args, context);
      long latency = (System.nanoTime() - started) / 1_000_000;
      calls.finish(admitted, "ok", result.status(), null, latency);
      BigDecimal cost = charge(context, tool, latency);
      budget.settle(held, cost);
      return record(name, toolSlug, operation, args, "ok", result.status(), result.output(),
          null, cost, latency);
    } catch (ConnectorException e) {
      long latency = (System.nanoTime() - started) / 1_000_000;
      boolean wentOut = e.kind() == ConnectorException.Kind.HTTP_ERROR
          || e.kind() == ConnectorException.Kind.UNREACHABLE
          || e.kind() == ConnectorException.Kind.FAILED;
      String outcome = switch (e.kind()) {
        case NOT_CONFIGURED -> "not_configured";
        case BAD_ARGUMENTS -> "bad_arguments";
        case REFUSED -> "refused_policy";
        default -> "error";
      };
      calls.finish(admitted, outcome, e.status(), e.getMessage(), latency);
      BigDecimal cost = wentOut ? charge(context, tool, latency) : BigDecimal.ZERO;
      if (wentOut) {
        budget.settle(held, cost);
      } else {
        budget.release(held);
      }
      log.info("Tool call {} of node {} failed: {}", name, context.nodeId(), e.getMessage());
      return record(name, toolSlug, operation, args, outcome, e.status(), null, e.getMessage(),
          cost, latency);
    }
  }

  private static BigDecimal price(OfferedTool tool) {
    return tool.tool().costPerUseUsd() == null ? BigDecimal.ZERO : tool.tool().costPerUseUsd();
  }

  /** A call that reached the endpoint is paid, whatever it answered. */
  private BigDecimal charge(ToolContext context, OfferedTool tool, long latencyMs) {
    BigDecimal cost = price(tool);
    if (context.runId() != null) {
      costs.recordTool(costs.run(context.runId(), context.workflowId(), context.tenantId()),
          context.nodeId(), context.taskId(),
          context.agentType(), tool.tool().slug(), cost, latencyMs);
    }
    return cost;
  }

  private ToolCallRecord refuse(ToolContext context, String tool, String operation, String name,
      JsonNode args, String outcome, String detail) {
    calls.refused(tool.isEmpty() ? "?" : tool, operation.isEmpty() ? "?" : operation, context,
        outcome, detail);
    log.info("Tool call {} of node {} ({}): {}", name, context.nodeId(), outcome, detail);
    return record(name, tool, operation, args, outcome, null, null, detail, BigDecimal.ZERO, 0);
  }

  private static ToolCallRecord record(String name, String tool, String operation,
      JsonNode args, String outcome, Integer status, JsonNode result, String detail,
      BigDecimal cost, long latency) {
    return new ToolCallRecord(name, tool, operation, args, outcome, status, result, detail, cost,
        latency);
  }

  private static JsonNode arguments(String text) {
    try {
      return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (Exception e) {
      return JSON.createObjectNode().put("_unparsable", text);
    }
  }
}
