package dev.baton.observe;

import dev.baton.budget.CostEntry;
import dev.baton.budget.LedgerListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A span for every model call and tool use an agent task paid for, written as the worker puts
 * it in the ledger: a child of the agent task's span, with the call's own time span (it ended
 * {@code latency} before it was recorded), model, tokens, cost and attempt.
 */
@Component
class LedgerSpans implements LedgerListener {

  private final RunTracing tracing;

  LedgerSpans(RunTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public void written(List<CostEntry> entries) {
    RunTracing.TaskScope task = tracing.currentTask();
    if (task == null) {
      return; // written outside an agent task (nothing to hang the spans from)
    }
    int call = 0;
    for (CostEntry entry : entries) {
      Map<String, Object> tags = new LinkedHashMap<>();
      tags.put("baton.run.id", entry.runId());
      tags.put("baton.node.id", entry.nodeId());
      tags.put("baton.cost_usd", entry.costUsd() == null ? 0.0 : entry.costUsd().doubleValue());
      tags.put("baton.attempt", task.attempt());
      long latency = entry.latencyMs() == null ? 0 : entry.latencyMs();
      String name;
      if (CostEntry.TOOL.equals(entry.kind())) {
        name = "baton.tool " + entry.tool();
        tags.put("baton.tool", entry.tool());
      } else {
        name = "baton.llm.call " + entry.model();
        tags.put("baton.call", ++call);
        tags.put("baton.model", entry.model());
        tags.put("gen_ai.request.model", entry.model());
        tags.put("baton.fallback", CostEntry.FALLBACK.equals(entry.kind()));
        tags.put("baton.tokens.input", entry.tokens().input());
        tags.put("baton.tokens.output", entry.tokens().output());
        tags.put("baton.tokens.cached", entry.tokens().cached());
        tags.put("baton.tokens.reasoning", entry.tokens().reasoning());
        tags.put("gen_ai.usage.input_tokens", entry.tokens().input());
        tags.put("gen_ai.usage.output_tokens", entry.tokens().output());
      }
      tracing.pastSpan(null, name, entry.recordedAt().minusMillis(latency), entry.recordedAt(),
          tags);
    }
  }
}
