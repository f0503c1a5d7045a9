package dev.baton.replay;

import dev.baton.replay.NodeReplay.Status;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.WorkflowSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plans a replay: walks the run's own spec over its recording to learn the recorded path, then
 * the new spec over the same recording ({@link Walk}), and reports each node: reused as it was,
 * reused with a changed prompt, new, removed, skipped, routed differently, a gate's decision
 * reused or awaited; and the money: what the reused replies cost, what new calls would cost at
 * worst, whether the new budget cap would have stopped the run and where. Pure: the prompts
 * come from the renderer it is given; nothing is called or written.
 */
final class ReplayPlanner {

  /** A node's prompt as the replay renders it, redacted like the journal's; or why not. */
  record Rendered(String text, String error) {}

  /** Renders a node's new prompt from the walk's variables. */
  interface Renderer {
    Rendered render(NodeSpec node, List<String> upstream, Function<String, Object> variables);
  }

  private ReplayPlanner() {}

  /**
   * @param recordedSpec the spec the run was started with
   * @param estimates the worst case of one call of each agent node of the new spec
   */
  static ReplayReport plan(String runId, String workflow, WorkflowSpec newSpec,
      WorkflowSpec recordedSpec, Recording recording, Renderer renderer,
      Map<String, BigDecimal> estimates) {
    Walk recorded = Walk.recorded(recordedSpec, recording);
    Walk replay = Walk.replay(newSpec, recording, renderer, estimates, recordedSpec, recorded);
    List<NodeReplay> lines = new ArrayList<>(replay.lines);
    lines.addAll(unvisited(newSpec, recordedSpec, recorded, replay));

    Map<String, Integer> counts = new TreeMap<>();
    int avoided = 0;
    int needed = 0;
    for (NodeReplay line : lines) {
      counts.merge(line.status().json(), 1, Integer::sum);
      if (line.taskId() != null && line.round() > 0) {
        avoided++;
      }
      if (line.status() == Status.NEW && "agent_task".equals(line.type())) {
        needed++;
      }
    }
    List<String> notes = new ArrayList<>(replay.notes);
    notes.add("dry run: no model was called, nothing was written to the cost ledger and no "
        + "process instance was started");
    BigDecimal cap = newSpec.metadata().budgetUsd();
    return new ReplayReport(runId, workflow, true, replay.outcome, lines,
        new ReplayReport.Totals(BigDecimal.ZERO, replay.recordedCost, replay.newCost, avoided,
            needed, counts),
        new ReplayReport.Budget(cap, replay.stopsAt, replay.spentBefore, replay.spent),
        notes);
  }

  /**
   * Recorded nodes the replay reached less often than the run did (removed from the spec, or
   * no longer routed to), then the new spec's nodes it never reached.
   */
  private static List<NodeReplay> unvisited(WorkflowSpec newSpec, WorkflowSpec recordedSpec,
      Walk recorded, Walk replay) {
    List<NodeReplay> lines = new ArrayList<>();
    Set<String> listed = new LinkedHashSet<>();
    boolean cutShort = !"completed".equals(replay.outcome);
    for (Map.Entry<String, Integer> e : recorded.visits().entrySet()) {
      String id = e.getKey();
      int before = e.getValue();
      int now = replay.visits().getOrDefault(id, 0);
      String type = recordedSpec.node(id).map(n -> n.type().json()).orElse(null);
      if (newSpec.node(id).isEmpty()) {
        lines.add(new NodeReplay(id, type, 0, Status.REMOVED, "ran " + times(before)
            + " in the recording; not in the new spec", null, null, null, null));
        listed.add(id);
      } else if (now < before) {
        lines.add(new NodeReplay(id, type, 0, Status.SKIPPED, "ran " + times(before)
            + " in the recording, " + times(now) + " in the replay: "
            + (cutShort ? "the replayed run ends before" : "the new routing does not reach it")
            + (now == 0 ? "" : " again"), null, null, null, null));
        listed.add(id);
      }
    }
    Map<String, NodeSpec> unreached = new LinkedHashMap<>();
    newSpec.nodes().forEach(n -> {
      if (!replay.visits().containsKey(n.id()) && !listed.contains(n.id())) {
        unreached.put(n.id(), n);
      }
    });
    unreached.values().forEach(n -> lines.add(new NodeReplay(n.id(), n.type().json(), 0,
        Status.NOT_REACHED, cutShort ? "the replayed run ends before it"
            : "no branch of the replayed run leads here", null, null, null, null)));
    return lines;
  }

  private static String times(int n) {
    return n == 1 ? "once" : n == 0 ? "never" : n + " times";
  }
}
