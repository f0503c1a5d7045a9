package dev.baton.compile;

import dev.baton.contract.BpmnConventions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BPMN a spec needs, before geometry and XML: elements and flows in a stable order.
 *
 * @param slaTimer duration of the run's SLA timer, or null when the spec sets no {@code
 *     sla_ms}
 * @param budgetWatch whether the run needs the event sub-process that stops it over budget
 */
record ProcessPlan(
    String processKey,
    String name,
    String versionTag,
    List<PlanElement> elements,
    List<PlanFlow> flows,
    java.time.Duration slaTimer,
    boolean budgetWatch) {

  /** Collects elements and flows, giving flows deterministic unique ids. */
  static final class Builder {
    private final Map<String, PlanElement> elements = new LinkedHashMap<>();
    private final List<PlanFlow> flows = new ArrayList<>();
    private final Map<String, Integer> flowIds = new LinkedHashMap<>();

    PlanElement add(PlanElement element) {
      if (elements.putIfAbsent(element.id(), element) != null) {
        throw new IllegalStateException("duplicate BPMN element id " + element.id());
      }
      return element;
    }

    void replace(PlanElement element) {
      elements.put(element.id(), element);
    }

    PlanElement get(String id) {
      return elements.get(id);
    }

    boolean has(String id) {
      return elements.containsKey(id);
    }

    PlanFlow flow(String source, String target, String name, String condition, boolean isDefault) {
      String base = "flow" + BpmnConventions.SEP + source + BpmnConventions.SEP + target;
      int n = flowIds.merge(base, 1, Integer::sum);
      PlanFlow flow =
          new PlanFlow(n == 1 ? base : base + BpmnConventions.SEP + n, source, target, name,
              condition, isDefault);
      flows.add(flow);
      return flow;
    }

    /**
     * Puts an exclusive merge in front of every task or end event that several flows reach.
     * Parallel predecessors already meet at a join, so what is left are alternatives (a task's
     * failure and timeout both leading to the same handler): BPMN would read a bare task with
     * several incoming flows as an implicit join, which Modeler's lint rightly flags.
     */
    void mergeAlternatives() {
      Map<String, List<PlanFlow>> incoming = new LinkedHashMap<>();
      for (PlanFlow f : flows) {
        incoming.computeIfAbsent(f.target(), k -> new ArrayList<>()).add(f);
      }
      incoming.forEach((target, redirected) -> {
        PlanElement element = elements.get(target);
        if (redirected.size() < 2 || element.kind().isGateway()) {
          return;
        }
        String merge = target + BpmnConventions.SEP + "in";
        add(PlanElement.of(merge, PlanElement.Kind.EXCLUSIVE_GATEWAY, "Merge"));
        flows.removeAll(redirected);
        redirected.forEach(f -> flow(f.source(), merge, f.name(), f.condition(), f.isDefault()));
        flow(merge, target, null, null, false);
      });
    }

    ProcessPlan build(String key, String name, String versionTag, java.time.Duration slaTimer,
        boolean budgetWatch) {
      return new ProcessPlan(key, name, versionTag, List.copyOf(elements.values()),
          List.copyOf(flows), slaTimer, budgetWatch);
    }
  }
}
