package dev.baton.compile;

import dev.baton.contract.BpmnConventions;

import static dev.baton.contract.BpmnConventions.SEP;

import dev.baton.compile.PlanElement.Kind;
import dev.baton.spec.BudgetOverride;
import dev.baton.spec.Connection;
import dev.baton.spec.EdgeCondition;
import dev.baton.spec.GateConfig;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.Outcome;
import dev.baton.spec.WorkflowGraph;
import dev.baton.spec.WorkflowSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the BPMN for a spec: which elements each node becomes, where joins, splits and ends go,
 * and where transactions break. Every generated id derives from node ids.
 *
 * <p>Mapping: {@code agent_task} is a budget-check business rule task followed by an external
 * service task (with timer and error boundary events for {@code timeout_ms} and {@code failure}
 * edges); {@code approval_gate} is a user task followed by a decision gateway; {@code
 * condition} is an exclusive gateway; {@code parallel} is a parallel gateway. A node with
 * several predecessors gets a join gateway (asynchronous, so that concurrent branches never
 * collide at it), and a loop target gets an exclusive merge.
 */
final class ProcessPlanner {


  private final WorkflowSpec spec;
  private final WorkflowGraph graph;
  private final JoinAnalysis joins;
  private final ProcessPlan.Builder plan = new ProcessPlan.Builder();
  private final Map<String, String> forwardInlet = new LinkedHashMap<>();
  /** Agents that a gate can send back for changes: they get a merge in front. */
  private final java.util.Set<String> changesTargets = new java.util.LinkedHashSet<>();
  private final Map<String, String> againInlet = new LinkedHashMap<>();
  /** Connections that arrive somewhere else than their target's usual inlet (a quorum). */
  private final Map<Connection, String> connectionInlet = new LinkedHashMap<>();
  private final Map<String, String> loopInlet = new LinkedHashMap<>();

  /** The registry agent of each agent task, chosen at deploy time (may be empty). */
  private final Map<String, String> agents;

  ProcessPlanner(WorkflowSpec spec) {
    this(spec, Map.of());
  }

  ProcessPlanner(WorkflowSpec spec, Map<String, String> agents) {
    this.spec = spec;
    this.agents = agents;
    this.graph = new WorkflowGraph(spec);
    this.joins = new JoinAnalysis(graph);
  }

  ProcessPlan plan(String processKey, String processName, String versionTag) {
    Map<String, Quorum> quorums = quorums();
    for (NodeSpec node : graph.nodes()) {
      if (node.type() == NodeType.APPROVAL_GATE
          && GateConfig.of(node.config()).allows(GateConfig.REQUEST_CHANGES)) {
        changesTargets.add(graph.incoming(node.id()).get(0).from());
      }
    }
    for (NodeSpec node : graph.nodes()) {
      planInlets(node, quorums.get(node.id()));
    }
    planStart();
    for (NodeSpec node : graph.nodes()) {
      switch (node.type()) {
        case AGENT_TASK -> planAgentTask(node);
        case APPROVAL_GATE -> planApproval(node);
        case CONDITION -> planCondition(node);
        case PARALLEL -> planParallel(node);
      }
    }
    plan.mergeAlternatives();
    Long slaMs = spec.metadata().slaMs();
    boolean hasAgents = graph.nodes().stream().anyMatch(n -> n.type() == NodeType.AGENT_TASK);
    return plan.build(processKey, processName, versionTag,
        slaMs == null ? null : Duration.ofMillis(slaMs),
        hasAgents);
  }

  /** A join that continues after {@code needed} of the branches of a parallel node. */
  private record Quorum(String forkId, int needed, List<Connection> arrivals) {}

  /** The N-of-M joins: for each parallel node with wait_for, where its branches meet. */
  private Map<String, Quorum> quorums() {
    Map<String, Quorum> quorums = new LinkedHashMap<>();
    for (NodeSpec node : graph.nodes()) {
      if (node.type() != NodeType.PARALLEL) {
        continue;
      }
      int needed = node.configLong("wait_for").map(Long::intValue).orElse(0);
      graph.meetingPoint(node.id()).ifPresent(join -> {
        var region = graph.reachableFrom(List.of(node.id()));
        List<Connection> arrivals = joins.forwardIncoming(join).stream()
            .filter(c -> region.contains(c.from())).toList();
        if (needed > 0 && needed < arrivals.size()) {
          quorums.put(join, new Quorum(node.id(), needed, arrivals));
        }
      });
    }
    return quorums;
  }

  /** Where flows into a node arrive: its entry, or a join / merge gateway in front of it. */
  private void planInlets(NodeSpec node, Quorum quorum) {
    String entry = node.type() != NodeType.AGENT_TASK ? node.id()
        : spec.metadata().budgetOverride() != null ? node.id() + SEP + "budget_in"
        : node.id() + SEP + "budget";
    String target = entry;
    boolean hasLoopBack = graph.incoming(node.id()).stream().anyMatch(graph::isBackEdge)
        || changesTargets.contains(node.id());
    if (node.type() == NodeType.APPROVAL_GATE && GateConfig.of(node.config()).twoPersonRule()) {
      // a first approval comes back here for the second, different approver
      String again = node.id() + SEP + "again";
      plan.add(PlanElement.of(again, Kind.EXCLUSIVE_GATEWAY, "Second approval"));
      plan.flow(again, target, null, null, false);
      againInlet.put(node.id(), again);
      target = again;
    }
    if (hasLoopBack) {
      String merge = node.id() + SEP + "merge";
      plan.add(PlanElement.of(merge, Kind.EXCLUSIVE_GATEWAY, "Again: " + node.label()));
      plan.flow(merge, target, null, null, false);
      loopInlet.put(node.id(), merge);
      target = merge;
    }
    int incoming = joins.forwardIncoming(node.id()).size();
    String quorumGateway = null;
    if (quorum != null) {
      // arrivals are counted; the N-th goes on, the others end there
      quorumGateway = node.id() + SEP + "quorum";
      plan.add(PlanElement.of(quorumGateway, Kind.EXCLUSIVE_GATEWAY,
          quorum.needed() + " of " + quorum.arrivals().size() + " done?").async()
          .withListener(Expressions.countVisit(quorumGateway)));
      String late = quorumGateway + SEP + "other";
      plan.add(PlanElement.of(late, Kind.END, "Not needed"));
      plan.flow(quorumGateway, late, "other branch", null, true);
      // branches first merge, so that no gateway both joins and forks
      String arrived = node.id() + SEP + "arrived";
      plan.add(PlanElement.of(arrived, Kind.EXCLUSIVE_GATEWAY, "Branch done"));
      plan.flow(arrived, quorumGateway, null, null, false);
      for (Connection c : quorum.arrivals()) {
        connectionInlet.put(c, arrived);
      }
      incoming = incoming - quorum.arrivals().size() + 1;
    }
    if (incoming > 1) {
      String join = node.id() + SEP + "join";
      Kind kind =
          joins.needsInclusiveJoin(node.id()) ? Kind.INCLUSIVE_GATEWAY : Kind.PARALLEL_GATEWAY;
      plan.add(PlanElement.of(join, kind, "Join before " + node.label()).async());
      plan.flow(join, target, null, null, false);
      target = join;
    }
    if (quorumGateway != null) {
      plan.flow(quorumGateway, target, quorum.needed() + " done",
          Expressions.quorumReached(quorumGateway, quorum.needed()), false);
    }
    forwardInlet.put(node.id(), target);
  }

  private String inlet(Connection connection) {
    if (connectionInlet.containsKey(connection)) {
      return connectionInlet.get(connection);
    }
    return graph.isBackEdge(connection)
        ? loopInlet.get(connection.to())
        : forwardInlet.get(connection.to());
  }

  private void planStart() {
    String start = "run" + SEP + "start";
    // asynchronous start: a run is durably queued and the caller never waits for the first node
    BigDecimal budget = spec.metadata().budgetUsd();
    plan.add(PlanElement.of(start, Kind.START, "Run started").async().withListener(
        Expressions.initialise(budget == null ? "" : budget.toPlainString())));
    List<String> roots = graph.roots();
    if (roots.size() == 1) {
      plan.flow(start, forwardInlet.get(roots.get(0)), null, null, false);
      return;
    }
    String split = "run" + SEP + "split";
    plan.add(PlanElement.of(split, Kind.PARALLEL_GATEWAY, "Start branches"));
    plan.flow(start, split, null, null, false);
    roots.forEach(r -> plan.flow(split, forwardInlet.get(r), null, null, false));
  }

  private void planAgentTask(NodeSpec node) {
    String id = node.id();
    List<Connection> failures = outcome(id, Outcome.FAILURE);
    List<Connection> timeouts = outcome(id, Outcome.TIMEOUT);

    String budget = id + SEP + "budget";
    plan.add(new PlanElement(budget, Kind.BUDGET_CHECK, "Budget check", null,
        ModelerTemplates.budgetCheck(id), null, null, null, false, List.of(), List.of())
        .withListener(Expressions.budgetFacts(id))
        .withEndListener(Expressions.budgetGuard(id)));
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(BpmnConventions.PROP_NODE, id);
    properties.put(BpmnConventions.PROP_AGENT_TYPE, node.agentType());
    if (agents.containsKey(id)) {
      properties.put(BpmnConventions.PROP_AGENT, agents.get(id));
    }
    properties.put(BpmnConventions.PROP_CONFIG, CanonicalJson.write(node.config()));
    properties.put(BpmnConventions.PROP_UPSTREAM, String.join(",", graph.incoming(id).stream()
        .map(Connection::from).distinct().toList()));
    // under allow_partial_completion a task is non-critical unless it says critical: true
    boolean mayContinue = spec.metadata().allowPartialCompletion()
        && !node.config().path("critical").asBoolean(false);
    properties.put(
        BpmnConventions.PROP_ON_FAILURE,
        !failures.isEmpty() ? BpmnConventions.ON_FAILURE_ROUTE
            : mayContinue ? BpmnConventions.ON_FAILURE_CONTINUE
            : BpmnConventions.ON_FAILURE_INCIDENT);
    // each setting also on its own, as the Modeler's agent task template shows it
    properties.putAll(ModelerTemplates.agentTask(node));
    plan.add(new PlanElement(id, Kind.AGENT_TASK, node.label(), null, properties, null, null, null,
        false, List.of(), List.of()));
    if (spec.metadata().budgetOverride() == null) {
      plan.flow(budget, id, null, null, false);
    } else {
      planBudgetOverride(node, budget, spec.metadata().budgetOverride());
    }
    connectOutcome(id, id, outcome(id, Outcome.SUCCESS), null, null);

    if (!failures.isEmpty()) {
      String failed = id + SEP + "failed";
      plan.add(boundary(failed, Kind.ERROR_BOUNDARY, "Failed", id, null));
      connect(failed, failures);
    }
    if (node.timeoutMs() != null) {
      String timer = id + SEP + "timeout";
      plan.add(boundary(timer, Kind.TIMER_BOUNDARY, "Timed out", id,
          Duration.ofMillis(node.timeoutMs())));
      if (!timeouts.isEmpty()) {
        connect(timer, timeouts);
      } else if (!failures.isEmpty()) {
        connect(timer, failures);
      } else {
        failEnd(timer, id, "timed_out", "Timed out",
            "'" + node.label() + "' did not finish within " + node.timeoutMs() + " ms");
      }
    }
  }

  /**
   * With a budget_override policy the check can ask for approval: the request waits in a user
   * task; approval (which raises the run's budget) goes back to the check, refusal or no
   * decision in time stops the run.
   */
  private void planBudgetOverride(NodeSpec node, String budget, BudgetOverride policy) {
    String id = node.id();
    String again = id + SEP + "budget_in";
    plan.add(PlanElement.of(again, Kind.EXCLUSIVE_GATEWAY, "Check budget"));
    plan.flow(again, budget, null, null, false);
    String within = id + SEP + "budget_ok";
    plan.add(PlanElement.of(within, Kind.EXCLUSIVE_GATEWAY, "Approval needed?"));
    plan.flow(budget, within, null, null, false);
    plan.flow(within, id, "within budget", null, true);
    String override = BpmnConventions.overrideId(id);
    Map<String, String> properties = new LinkedHashMap<>(); // ordered: byte-identical output
    properties.put(BpmnConventions.PROP_NODE, id);
    properties.put(BpmnConventions.PROP_RAISE_USD, policy.raiseUsd().toPlainString());
    plan.add(new PlanElement(override, Kind.BUDGET_OVERRIDE, "Raise budget for " + node.label(),
        null, properties, null, null, null, false, policy.roles(),
        policy.approvers()));
    plan.flow(within, override, "approval needed", Expressions.needsOverride(id), false);
    String decision = override + SEP + "decision";
    plan.add(PlanElement.of(decision, Kind.EXCLUSIVE_GATEWAY, "Raised?"));
    plan.flow(override, decision, null, null, false);
    plan.flow(decision, again, "raised",
        Expressions.outcomeIs(override, BpmnConventions.OUTCOME_APPROVED), false);
    String refused = override + SEP + "refused";
    plan.add(PlanElement.of(refused, Kind.TERMINATE_END, "Stopped: raise refused")
        .withListener(Expressions.overrideRefused(override)));
    plan.flow(decision, refused, "refused", null, true);
    String timer = override + SEP + "timeout";
    plan.add(boundary(timer, Kind.TIMER_BOUNDARY, "No decision in time", override,
        policy.timeout()).withListener(Expressions.overrideTimedOut(override)));
    String timedOut = override + SEP + "timed_out";
    plan.add(PlanElement.of(timedOut, Kind.TERMINATE_END, "Stopped: no raise in time")
        .withListener(Expressions.overrideRefused(override)));
    plan.flow(timer, timedOut, null, null, false);
  }

  private void planApproval(NodeSpec node) {
    String id = node.id();
    GateConfig gate = GateConfig.of(node.config());
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(BpmnConventions.PROP_NODE, id);
    properties.put(BpmnConventions.PROP_CONFIG, CanonicalJson.write(node.config()));
    String upstream = String.join(",", graph.incoming(id).stream()
        .map(Connection::from).distinct().toList());
    // a gate that starts the run reviews nothing before it; an empty property would be read
    // back as null by the model API
    if (!upstream.isEmpty()) {
      properties.put(BpmnConventions.PROP_UPSTREAM, upstream);
    }
    properties.putAll(ModelerTemplates.approvalGate(gate));
    plan.add(new PlanElement(id, Kind.APPROVAL, node.label(), null, properties, null, null, null,
        false,
        gate.roles(), gate.approvers()));
    String decision = id + SEP + "decision";
    plan.add(PlanElement.of(decision, Kind.EXCLUSIVE_GATEWAY, "Approved?"));
    plan.flow(id, decision, null, null, false);

    List<Connection> approved = outcome(id, Outcome.APPROVED);
    String isApproved = Expressions.outcomeIs(id, BpmnConventions.OUTCOME_APPROVED);
    if (approved.isEmpty()) {
      plainEnd(decision, id, "approved", isApproved);
    } else {
      connectOutcome(decision, id + SEP + "approved", approved, "approved", isApproved);
    }
    if (gate.twoPersonRule()) {
      plan.flow(decision, againInlet.get(id), "second approver needed",
          Expressions.outcomeIs(id, BpmnConventions.OUTCOME_PENDING), false);
    }
    if (gate.allows(GateConfig.REQUEST_CHANGES)) {
      String agent = graph.incoming(id).get(0).from();
      plan.flow(decision, loopInlet.get(agent), "changes requested",
          Expressions.outcomeIs(id, BpmnConventions.OUTCOME_CHANGES), false);
    }
    List<Connection> rejected = outcome(id, Outcome.REJECTED);
    if (rejected.isEmpty()) {
      plan.flow(decision, rejectedEnd(node), "rejected", null, true);
    } else {
      connectDefault(decision, id + SEP + "rejected", rejected, "rejected");
    }

    for (GateConfig.Level level : gate.levels()) {
      String timer = id + SEP + "escalation_" + level.number();
      plan.add(boundary(timer, Kind.ESCALATION_TIMER, "Escalate (level " + level.number() + ")",
          id, level.after()));
      String escalated = id + SEP + "escalated_" + level.number();
      plan.add(PlanElement.of(escalated, Kind.END, "Escalated to level " + level.number())
          .withListener(Expressions.escalate(id, level.number())));
      plan.flow(timer, escalated, null, null, false);
    }

    gate.timeoutDuration().ifPresent(duration -> {
      String timer = id + SEP + "timeout";
      // the timeout is recorded as the system's decision before it is routed
      plan.add(boundary(timer, Kind.TIMER_BOUNDARY, "No decision in time", id, duration)
          .withListener(Expressions.timedOut(id)));
      List<Connection> timeouts = outcome(id, Outcome.TIMEOUT);
      if (!timeouts.isEmpty()) {
        connect(timer, timeouts);
      } else if (gate.approveOnTimeout()) {
        if (approved.isEmpty()) {
          String end = id + SEP + "approved_by_default";
          plan.add(PlanElement.of(end, Kind.END, "Approved by default"));
          plan.flow(timer, end, null, null, false);
        } else {
          connect(timer, approved);
        }
      } else if (!rejected.isEmpty()) {
        connect(timer, rejected);
      } else {
        failEnd(timer, id, "timed_out", "Denied: no decision in time",
            "no decision on '" + node.label() + "' within " + duration + "; denied by default");
      }
    });
  }

  private String rejectedEnd(NodeSpec gate) {
    String end = gate.id() + SEP + "rejected";
    plan.add(PlanElement.of(end, Kind.TERMINATE_END, "Rejected")
        .withListener(Expressions.rejected(gate.id())));
    return end;
  }

  private void planCondition(NodeSpec node) {
    String id = node.id();
    int max = node.configLong("max_iterations").map(Long::intValue).orElse(0);
    boolean guarded = graph.outgoing(id).stream().anyMatch(graph::isLoopBack);
    PlanElement gateway = PlanElement.of(id, Kind.EXCLUSIVE_GATEWAY, node.label());
    plan.add(guarded ? gateway.withListener(Expressions.countVisit(id)) : gateway);

    List<Connection> defaults = new ArrayList<>();
    for (Connection c : graph.outgoing(id)) {
      if (c.condition() instanceof EdgeCondition.Comparison cmp) {
        String name = cmp.field() + " " + cmp.operator().symbol()
            + (cmp.value() == null ? "" : " " + cmp.value());
        String test = graph.isLoopBack(c)
            ? Expressions.guardedComparison(id, max, cmp.field(), cmp.operator().symbol(),
                cmp.value())
            : Expressions.comparison(cmp.field(), cmp.operator().symbol(), cmp.value());
        plan.flow(id, inlet(c), name, test, false);
      } else {
        defaults.add(c);
      }
    }
    List<Connection> loopDefaults = defaults.stream().filter(graph::isLoopBack).toList();
    List<Connection> exitDefaults = defaults.stream().filter(c -> !graph.isLoopBack(c)).toList();
    // a default edge that loops back is taken only while the guard allows another round
    for (Connection c : loopDefaults) {
      plan.flow(id, inlet(c), "again (at most " + max + "x)", Expressions.withinLimit(id, max),
          false);
    }
    if (!exitDefaults.isEmpty()) {
      connectDefault(id, id + SEP + "default", exitDefaults, "otherwise");
    } else if (guarded) {
      String end = failEndElement(id, "exhausted", "Gave up after " + max + " rounds",
          "'" + node.label() + "' reached max_iterations (" + max + ") without a way out");
      plan.flow(id, end, "limit reached", null, true);
    } else {
      String end = failEndElement(id, "no_match", "No branch matched",
          "no branch of '" + node.label() + "' matched and it has no default edge");
      plan.flow(id, end, "no match", null, true);
    }
  }

  private void planParallel(NodeSpec node) {
    plan.add(PlanElement.of(node.id(), Kind.PARALLEL_GATEWAY, node.label()));
    List<Connection> branches = graph.outgoing(node.id());
    if (branches.isEmpty()) {
      sinkEnd(node.id(), node.id());
    }
    branches.forEach(c -> plan.flow(node.id(), inlet(c), null, null, false));
  }

  /** Flows for one outcome of a node; a sink gets an end event, several targets a split. */
  private void connectOutcome(
      String source, String splitId, List<Connection> targets, String name, String condition) {
    if (targets.isEmpty()) {
      sinkEnd(source, source);
    } else {
      fanOut(source, splitId, targets, name, condition, false);
    }
  }

  /** The default flow of a gateway to its targets. */
  private void connectDefault(String gateway, String splitId, List<Connection> targets,
      String name) {
    fanOut(gateway, splitId, targets, name, null, true);
  }

  /** Flows from a boundary event, whose own label says what happened. */
  private void connect(String source, List<Connection> targets) {
    fanOut(source, source, targets, null, null, false);
  }

  /**
   * One flow from {@code source} to a single target, or to a parallel split {@code
   * <splitId>__split} that forks to several: all targets of one outcome run.
   */
  private void fanOut(String source, String splitId, List<Connection> targets, String name,
      String condition, boolean isDefault) {
    if (targets.size() == 1) {
      plan.flow(source, inlet(targets.get(0)), name, condition, isDefault);
      return;
    }
    String split = splitId + SEP + "split";
    plan.add(PlanElement.of(split, Kind.PARALLEL_GATEWAY, "Fork"));
    plan.flow(source, split, name, condition, isDefault);
    targets.forEach(c -> plan.flow(split, inlet(c), null, null, false));
  }

  private void sinkEnd(String source, String nodeId) {
    String end = nodeId + SEP + "end";
    plan.add(PlanElement.of(end, Kind.END, "Done"));
    plan.flow(source, end, null, null, false);
  }

  private void plainEnd(String gateway, String nodeId, String name, String condition) {
    String end = nodeId + SEP + "end";
    plan.add(PlanElement.of(end, Kind.END, "Done"));
    plan.flow(gateway, end, name, condition, false);
  }

  private void failEnd(String source, String nodeId, String suffix, String name, String reason) {
    plan.flow(source, failEndElement(nodeId, suffix, name, reason), null, null, false);
  }

  private String failEndElement(String nodeId, String suffix, String name, String reason) {
    String end = nodeId + SEP + suffix;
    plan.add(PlanElement.of(end, Kind.TERMINATE_END, name)
        .withListener(Expressions.fail(nodeId, reason)));
    return end;
  }

  private PlanElement boundary(String id, Kind kind, String name, String host,
      Duration timer) {
    return new PlanElement(id, kind, name, host, Map.of(), null, null, timer, false, List.of(),
        List.of());
  }

  private List<Connection> outcome(String nodeId, Outcome outcome) {
    return graph.outgoing(nodeId).stream().filter(c -> c.isOutcome(outcome)).toList();
  }

}
