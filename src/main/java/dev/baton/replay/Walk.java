package dev.baton.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.baton.contract.BpmnConventions;
import dev.baton.replay.NodeReplay.Status;
import dev.baton.run.Conditions;
import dev.baton.spec.Connection;
import dev.baton.spec.EdgeCondition;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.Outcome;
import dev.baton.spec.WorkflowGraph;
import dev.baton.spec.WorkflowSpec;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One walk of a spec over a recording, as the engine routes a run: from the roots, each agent
 * node taking its next recorded reply, gates their next recorded decision, conditions compared
 * on the outputs so far ({@link Conditions#holds}, the engine's rule, with the loop guard of
 * {@code max_iterations}), forks running every branch, and a node with several incoming edges
 * waiting until each of them has either arrived or is known never to (a branch not taken).
 *
 * <p>Two modes: the recorded walk (no renderer) follows the run's own spec to learn which
 * branch each condition took; it stops a branch where nothing was recorded (the run had not
 * got there). The replay walk (with a renderer) follows the new spec, renders prompts and
 * compares them, and goes on past what was not recorded, as a real run would.
 */
final class Walk {

  /** A bound on node visits, against a spec whose loops would never end. */
  static final int MAX_VISITS = 10_000;

  private record Signal(String node, boolean fired) {}

  private final WorkflowSpec spec;
  private final WorkflowGraph graph;
  private final Recording recording;
  private final ReplayPlanner.Renderer renderer;
  private final Map<String, BigDecimal> estimates;
  /** The recorded walk's choices: for each condition, the targets taken on each visit. */
  private final Map<String, List<String>> recordedChoices;
  private final WorkflowSpec recordedSpec;

  private final Map<String, Object> variables = new HashMap<>();
  private final Map<String, Integer> visits = new LinkedHashMap<>();
  private final Map<String, List<String>> choices = new LinkedHashMap<>();
  private final Map<String, Map<Connection, Boolean>> pending = new HashMap<>();
  private final Deque<Signal> queue = new ArrayDeque<>();
  private final Set<String> unknown = new LinkedHashSet<>();
  final List<NodeReplay> lines = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  String outcome = "completed";
  String stopsAt;
  BigDecimal spentBefore;
  BigDecimal spent = BigDecimal.ZERO;
  BigDecimal recordedCost = BigDecimal.ZERO;
  BigDecimal newCost = BigDecimal.ZERO;
  private boolean stopped;

  private Walk(WorkflowSpec spec, Recording recording, ReplayPlanner.Renderer renderer,
      Map<String, BigDecimal> estimates, WorkflowSpec recordedSpec,
      Map<String, List<String>> recordedChoices) {
    this.spec = spec;
    this.graph = new WorkflowGraph(spec);
    this.recording = recording;
    this.renderer = renderer;
    this.estimates = estimates;
    this.recordedSpec = recordedSpec;
    this.recordedChoices = recordedChoices;
  }

  /** The run as it was recorded, on its own spec. */
  static Walk recorded(WorkflowSpec spec, Recording recording) {
    Walk walk = new Walk(spec, recording, null, Map.of(), spec, Map.of());
    walk.run();
    return walk;
  }

  /** The run replayed on a new spec. */
  static Walk replay(WorkflowSpec spec, Recording recording, ReplayPlanner.Renderer renderer,
      Map<String, BigDecimal> estimates, WorkflowSpec recordedSpec, Walk recorded) {
    Walk walk = new Walk(spec, recording, renderer, estimates, recordedSpec, recorded.choices);
    walk.run();
    return walk;
  }

  Map<String, Integer> visits() {
    return visits;
  }

  WorkflowGraph graph() {
    return graph;
  }

  private boolean replaying() {
    return renderer != null;
  }

  private void run() {
    variables.put(BpmnConventions.VAR_INPUT, recording.input());
    graph.roots().forEach(root -> queue.add(new Signal(root, true)));
    int steps = 0;
    while (!queue.isEmpty() && !stopped) {
      Signal signal = queue.poll();
      if (!signal.fired()) {
        graph.outgoing(signal.node()).forEach(c -> send(c, false));
        continue;
      }
      if (++steps > MAX_VISITS) {
        notes.add("the walk stopped after " + MAX_VISITS + " node visits");
        outcome = "unbounded";
        return;
      }
      NodeSpec node = graph.node(signal.node());
      switch (node.type()) {
        case AGENT_TASK -> agent(node);
        case APPROVAL_GATE -> gate(node);
        case CONDITION -> condition(node);
        case PARALLEL -> parallel(node);
      }
    }
  }

  /** An edge arrives (fired) or is known never to (dead) at its target. */
  private void send(Connection c, boolean fired) {
    if (graph.isBackEdge(c)) {
      // a loop going round again enters at once; a loop not taken changes nothing
      if (fired) {
        pending.remove(c.to());
        queue.add(new Signal(c.to(), true));
      }
      return;
    }
    List<Connection> expected = graph.incoming(c.to()).stream()
        .filter(in -> !graph.isBackEdge(in)).toList();
    Map<Connection, Boolean> arrived = pending.computeIfAbsent(c.to(), k -> new HashMap<>());
    arrived.merge(c, fired, Boolean::logicalOr);
    if (arrived.keySet().containsAll(expected)) {
      pending.remove(c.to());
      queue.add(new Signal(c.to(), arrived.containsValue(true)));
    }
  }

  /** Fires the edges of one outcome, the others are dead. */
  private void leave(NodeSpec node, Outcome outcome) {
    for (Connection c : graph.outgoing(node.id())) {
      send(c, c.condition() instanceof EdgeCondition.OnOutcome on && on.outcome() == outcome);
    }
  }

  private int visit(NodeSpec node) {
    return visits.merge(node.id(), 1, Integer::sum);
  }

  private List<String> upstream(String id) {
    return graph.incoming(id).stream().map(Connection::from).distinct().toList();
  }

  private void agent(NodeSpec node) {
    List<Recording.Execution> recorded = recording.executionsOf(node.id());
    int round = visits.getOrDefault(node.id(), 0) + 1;
    Recording.Execution execution = round <= recorded.size() ? recorded.get(round - 1) : null;
    if (!replaying() && execution == null) {
      return; // the run had not got here
    }
    BigDecimal estimate = estimates.get(node.id());
    BigDecimal cost = execution != null ? execution.costUsd()
        : estimate == null ? BigDecimal.ZERO : estimate;
    if (replaying() && overBudget(node, round, cost)) {
      return;
    }
    visit(node);
    if (replaying()) {
      lines.add(agentLine(node, round, execution, estimate));
    }
    spent = spent.add(cost);
    if (execution != null) {
      recordedCost = recordedCost.add(execution.costUsd());
      variables.put(node.id(), execution.output());
    } else {
      newCost = newCost.add(cost);
      unknown.add(node.id());
      // later prompts show where the new output would go; conditions find no fields in it
      variables.put(node.id(), JsonNodeFactory.instance.objectNode().put("output",
          "<not recorded: '" + node.id() + "' would call the model>"));
    }
    leave(node, Outcome.SUCCESS);
  }

  private NodeReplay agentLine(NodeSpec node, int round, Recording.Execution execution,
      BigDecimal estimate) {
    ReplayPlanner.Rendered rendered = renderer.render(node, upstream(node.id()),
        variables::get);
    String type = node.type().json();
    if (execution == null) {
      return new NodeReplay(node.id(), type, round, Status.NEW,
          "no recorded reply: a real run would call the model"
              + (estimate == null ? "" : " (worst case $" + estimate.toPlainString() + ")")
              + (rendered.error() == null ? "" : "; its prompt fails: " + rendered.error()),
          null, null, null, estimate);
    }
    if (rendered.error() != null) {
      return new NodeReplay(node.id(), type, round, Status.PROMPT_ERROR,
          "the prompt cannot be rendered (a real run would fail here): " + rendered.error()
              + "; the recorded reply is kept in the walk",
          null, execution.taskId(), execution.costUsd(), null);
    }
    if (execution.prompt() == null) {
      return new NodeReplay(node.id(), type, round, Status.PROMPT_CHANGED,
          "no recorded prompt to compare with (recorded before prompts were journalled); "
              + "the recorded reply is reused and may be stale",
          null, execution.taskId(), execution.costUsd(), null);
    }
    String diff = UnifiedDiff.of(execution.prompt(), rendered.text(),
        "recorded/" + node.id() + "#" + round, "replay/" + node.id() + "#" + round);
    if (diff.isEmpty()) {
      return new NodeReplay(node.id(), type, round, Status.SAME,
          "prompt unchanged: the recorded reply is reused", null, execution.taskId(),
          execution.costUsd(), null);
    }
    return new NodeReplay(node.id(), type, round, Status.PROMPT_CHANGED,
        "prompt changed: the recorded reply is reused and stale"
            + dependsOnUnknown(node),
        diff, execution.taskId(), execution.costUsd(), null);
  }

  private String dependsOnUnknown(NodeSpec node) {
    List<String> from = upstream(node.id()).stream().filter(unknown::contains).toList();
    return from.isEmpty() ? "" : " (it reads the output of " + String.join(", ", from)
        + ", which a real run would produce anew)";
  }

  /**
   * The new spec's cap, as the budget check before an agent task applies it: the run is
   * stopped (or asks for a raise) when this call would take its spend over the cap.
   */
  private boolean overBudget(NodeSpec node, int round, BigDecimal cost) {
    BigDecimal cap = spec.metadata().budgetUsd();
    if (cap == null || spent.add(cost).compareTo(cap) <= 0) {
      return false;
    }
    boolean override = spec.metadata().budgetOverride() != null;
    stopsAt = node.id();
    spentBefore = spent;
    outcome = override ? "budget_override" : "stopped_over_budget";
    stopped = true;
    visit(node);
    lines.add(new NodeReplay(node.id(), node.type().json(), round,
        override ? Status.WOULD_WAIT_FOR_APPROVAL : Status.NOT_REACHED,
        "budget: $" + spent.toPlainString() + " spent and $" + cost.toPlainString()
            + " for this node exceed the new cap of $" + cap.toPlainString()
            + (override ? "; the run would ask an approver to raise its budget here"
                : "; the run would be stopped before this node"),
        null, null, null, null));
    return true;
  }

  private void gate(NodeSpec node) {
    List<Recording.GateDecision> recorded = recording.decisionsOf(node.id());
    int round = visits.getOrDefault(node.id(), 0) + 1;
    Recording.GateDecision decision = round <= recorded.size() ? recorded.get(round - 1) : null;
    if (decision == null) {
      if (replaying()) {
        visit(node);
        lines.add(new NodeReplay(node.id(), node.type().json(), round,
            Status.WOULD_WAIT_FOR_APPROVAL, "no recorded decision: a real run would wait "
                + "here for an approver", null, null, null, null));
        outcome = "waiting_approval";
      }
      return; // this branch waits
    }
    visit(node);
    if (replaying()) {
      lines.add(new NodeReplay(node.id(), node.type().json(), round, Status.DECISION_REUSED,
          "recorded decision reused: " + decision.outcome().replace('_', ' ')
              + (decision.decidedBy() == null ? "" : " by " + decision.decidedBy()),
          null, null, null, null));
    }
    switch (decision.outcome()) {
      case BpmnConventions.OUTCOME_APPROVED -> leave(node, Outcome.APPROVED);
      case BpmnConventions.OUTCOME_CHANGES -> {
        // the work goes back to the gate's agent, with the reviewer's request as input
        List<String> agents = upstream(node.id());
        if (agents.isEmpty()) {
          return;
        }
        variables.put(BpmnConventions.feedbackVariable(agents.get(0)), decision.comment());
        queue.add(new Signal(agents.get(0), true));
      }
      default -> {
        boolean routed = graph.outgoing(node.id()).stream().anyMatch(c ->
            c.condition() instanceof EdgeCondition.OnOutcome on
                && on.outcome() == Outcome.REJECTED);
        if (!routed) {
          outcome = "failed";
          notes.add("rejected at '" + node.id() + "': the run ends there");
          stopped = true;
          return;
        }
        leave(node, Outcome.REJECTED);
      }
    }
  }

  private void condition(NodeSpec node) {
    int round = visit(node);
    int max = node.configLong("max_iterations").map(Long::intValue).orElse(0);
    List<Connection> out = graph.outgoing(node.id());
    List<Connection> taken = new ArrayList<>();
    // the order the compiled exclusive gateway tests its flows in: comparisons, then a
    // default that loops back while the guard allows, then the default out
    for (Connection c : out) {
      if (c.condition() instanceof EdgeCondition.Comparison cmp
          && Conditions.holds(variables::get, cmp.field(), cmp.operator(),
              cmp.value() == null ? NullNode.getInstance() : cmp.value())
          && (!graph.isLoopBack(c) || round <= max)) {
        taken.add(c);
        break;
      }
    }
    if (taken.isEmpty() && round <= max) {
      out.stream().filter(c -> !(c.condition() instanceof EdgeCondition.Comparison))
          .filter(graph::isLoopBack).findFirst().ifPresent(taken::add);
    }
    if (taken.isEmpty()) {
      out.stream().filter(c -> !(c.condition() instanceof EdgeCondition.Comparison))
          .filter(c -> !graph.isLoopBack(c)).forEach(taken::add);
    }
    String targets = String.join(", ", taken.stream().map(Connection::to).toList());
    choices.computeIfAbsent(node.id(), k -> new ArrayList<>()).add(targets);
    if (replaying()) {
      lines.add(conditionLine(node, round, targets));
    }
    if (taken.isEmpty()) {
      outcome = "failed";
      notes.add("no branch of '" + node.id() + "' matches on visit " + round
          + ": the run fails there");
      stopped = true;
      return;
    }
    for (Connection c : out) {
      send(c, taken.contains(c));
    }
  }

  private NodeReplay conditionLine(NodeSpec node, int round, String targets) {
    String shown = targets.isEmpty() ? "no branch" : targets;
    List<String> readsUnknown = graph.outgoing(node.id()).stream()
        .filter(c -> c.condition() instanceof EdgeCondition.Comparison cmp
            && unknown.contains(cmp.field().split("\\.", 2)[0]))
        .map(c -> ((EdgeCondition.Comparison) c.condition()).field()).distinct().toList();
    String guess = readsUnknown.isEmpty() ? "" : " (a guess: it reads "
        + String.join(", ", readsUnknown) + ", which a real run would produce anew)";
    if (recordedSpec.node(node.id()).isEmpty()) {
      return new NodeReplay(node.id(), node.type().json(), round, Status.NEW,
          "new condition: goes to " + shown + guess, null, null, null, null);
    }
    List<String> before = recordedChoices.getOrDefault(node.id(), List.of());
    String was = round <= before.size() ? before.get(round - 1) : null;
    if (shown.equals(was == null ? null : was.isEmpty() ? "no branch" : was)) {
      return new NodeReplay(node.id(), node.type().json(), round, Status.SAME,
          "goes to " + shown + ", as recorded" + guess, null, null, null, null);
    }
    return new NodeReplay(node.id(), node.type().json(), round, Status.PATH_CHANGED,
        "now goes to " + shown + (was == null ? " (the recorded run did not come here "
            + (round == 1 ? "at all" : "a " + ordinal(round) + " time") + ")"
            : " (recorded: " + (was.isEmpty() ? "no branch" : was) + ")") + guess,
        null, null, null, null);
  }

  private static String ordinal(int n) {
    return n + (n % 100 >= 11 && n % 100 <= 13 ? "th"
        : switch (n % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; });
  }

  private void parallel(NodeSpec node) {
    int round = visit(node);
    if (replaying()) {
      boolean known = recordedSpec.node(node.id()).isPresent();
      lines.add(new NodeReplay(node.id(), node.type().json(), round,
          known ? Status.SAME : Status.NEW, "runs its branches side by side", null, null, null,
          null));
    }
    graph.outgoing(node.id()).forEach(c -> send(c, true));
  }
}
