package dev.baton.workflow.bpmn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.contract.BpmnConventions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Derives a spec from an edited BPMN: the base spec (what the BPMN was compiled from) with the
 * analyst's edits that Baton can take, or, for a BPMN Baton did not compile, a spec built from
 * its template tasks alone. Every other change is refused through {@link Refusals}, naming the
 * element. Pure: the caller finds the base and deploys the result.
 */
final class SpecDerivation {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String START = "\u0000start";
  private static final String END = "\u0000end";
  private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_.-]");

  /**
   * A derived spec.
   *
   * @param title the process's name (the workflow's title)
   * @param version the process's version tag
   * @param newNodes the node id of each new task, by its BPMN element id
   */
  record Result(ObjectNode spec, String title, String version, List<Edit> applied,
      List<Edit> ignored, Map<String, String> newNodes) {}

  /** A sequence flow: its id and ends. */
  private record Flow(String id, String source, String target, Element element) {}

  private final ObjectNode spec;
  private final BpmnDocument base;
  private final BpmnDocument edited;
  private final Set<String> nodeIds = new LinkedHashSet<>();
  private final Refusals refusals = new Refusals();
  private final List<Edit> applied = new ArrayList<>();
  private final List<Edit> ignored = new ArrayList<>();
  private final NodeFields fields = new NodeFields(refusals, applied);
  /** New flow nodes of the edited BPMN that stand for nothing themselves (checks, forks, ends). */
  private final Set<String> passThrough = new LinkedHashSet<>();
  /** New tasks: node id by element id. */
  private final Map<String, String> newNodes = new LinkedHashMap<>();
  /** The edited BPMN's flows by source and by target (linear walks, whatever the upload). */
  private final Map<String, List<Flow>> outgoing = new HashMap<>();
  private final Map<String, List<Flow>> incoming = new HashMap<>();
  /** Connections (from node, to new node) already written as an edge with a condition. */
  private final Set<List<String>> written = new LinkedHashSet<>();

  private SpecDerivation(ObjectNode baseSpec, BpmnDocument base, BpmnDocument edited) {
    this.spec = baseSpec == null ? JSON.objectNode() : baseSpec.deepCopy();
    this.base = base;
    this.edited = edited;
    spec.path("nodes").forEach(n -> nodeIds.add(n.path("id").asText()));
  }

  /**
   * @param baseSpec the spec the base version was deployed with
   * @param base the BPMN of that version, as deployed
   * @throws dev.baton.problem.UnprocessableException listing every edit that cannot be taken
   */
  static Result fromBase(ObjectNode baseSpec, BpmnDocument base, BpmnDocument edited) {
    return new SpecDerivation(baseSpec, base, edited).derive();
  }

  /**
   * A spec from a BPMN Baton did not compile: possible only when every task is one of Baton's
   * template tasks, joined by plain flows, parallel gateways, one start and end events.
   */
  static Result handDrawn(BpmnDocument edited) {
    return new SpecDerivation(null, null, edited).derive();
  }

  private Result derive() {
    String title = process();
    for (Map.Entry<String, Element> e : edited.elements().entrySet()) {
      Element before = base == null ? null : base.element(e.getKey());
      if (before == null) {
        added(e.getKey(), e.getValue());
      } else {
        kept(e.getKey(), before, e.getValue());
      }
    }
    if (base != null) {
      base.elements().forEach((id, element) -> {
        if (edited.element(id) == null) {
          removed(id, element);
        }
      });
    }
    graph();
    refusals.throwIfAny(base == null ? "the BPMN was not compiled by Baton and cannot be "
        + "turned into a spec" : "the edited BPMN");
    return new Result(spec, title, Xml.camunda(edited.process(), "versionTag"), applied,
        ignored, newNodes);
  }

  // ---- the process itself

  private String process() {
    Element process = edited.process();
    String name = Xml.attr(process, "name");
    ObjectNode metadata = spec.has("metadata") && spec.get("metadata").isObject()
        ? (ObjectNode) spec.get("metadata") : spec.putObject("metadata");
    String description = Xml.documentation(process);
    if (base == null) {
      metadata.put("name", name == null ? edited.processId() : name);
      if (description != null) {
        metadata.put("description", description);
      }
      spec.putArray("nodes");
      extensionsOfHandDrawn(process);
      return name;
    }
    Element before = base.process();
    String nameBefore = Xml.attr(before, "name");
    if (!Objects.equals(nameBefore, name) && name != null) {
      metadata.put("name", name);
      applied.add(new Edit(edited.processId(), "renamed the workflow '" + nameBefore + "' to '"
          + name + "'"));
    }
    String descriptionBefore = Xml.documentation(before);
    if (!Objects.equals(descriptionBefore, description)) {
      setText(metadata, "description", description);
      applied.add(new Edit(edited.processId(), description == null
          ? "removed the workflow's description" : "changed the workflow's description"));
    }
    String version = Xml.camunda(process, "versionTag");
    if (!Objects.equals(Xml.camunda(before, "versionTag"), version)) {
      setText(metadata, "version", version);
      applied.add(new Edit(edited.processId(), "version tag: "
          + Xml.camunda(before, "versionTag") + " → " + version));
    }
    List<String> differences = Fingerprint.differences(
        processParts(before), processParts(process));
    if (!differences.isEmpty()) {
      refusals.add(edited.processId(), "changed " + String.join(", ", differences)
          + " of the process", "Baton writes the process's settings and listeners itself; "
          + "set the workflow's options in the spec");
    }
    return name;
  }

  private static Map<String, String> processParts(Element process) {
    Map<String, String> parts = new HashMap<>(Fingerprint.parts(process,
        Set.of("id", "{" + Xml.CAMUNDA + "}versionTag"), Set.of()));
    // flow elements and artifacts are compared one by one
    parts.keySet().removeIf(k -> !k.startsWith("@") && !k.startsWith("extension")
        && !k.startsWith("laneSet"));
    return parts;
  }

  private void extensionsOfHandDrawn(Element process) {
    for (Element ext : Xml.children(process, Xml.BPMN, "extensionElements")) {
      for (Element child : Xml.children(ext)) {
        if (!Xml.is(child, Xml.CAMUNDA, "properties")) {
          refusals.add(edited.processId(), "the process has <" + child.getLocalName() + ">",
              "Baton writes the process's listeners itself; remove it");
        }
      }
    }
    if (!Xml.children(process, Xml.BPMN, "laneSet").isEmpty()) {
      refusals.add(edited.processId(), "the process has lanes", "remove the lanes");
    }
  }

  // ---- elements in both

  private void kept(String id, Element before, Element after) {
    ElementKind kind = ElementKind.of(before, nodeIds);
    if (!before.getLocalName().equals(after.getLocalName())) {
      refusals.add(id, "changed the type of '" + id + "' from " + before.getLocalName()
          + " to " + after.getLocalName(), "change the node's type in the spec");
      return;
    }
    if (kind == ElementKind.ARTIFACT) {
      return;
    }
    names(id, kind, before, after);
    Set<String> skipAttributes = new LinkedHashSet<>(Set.of("id"));
    Set<String> skipProperties = Set.of();
    if (kind == ElementKind.SEQUENCE_FLOW) {
      skipAttributes.addAll(Set.of("sourceRef", "targetRef"));
    } else if (kind == ElementKind.AGENT_TASK && nodeIds.contains(id)) {
      skipProperties = ElementKind.AGENT_FIELDS;
      fields.agentTask(node(id), before, after);
    } else if (kind == ElementKind.APPROVAL_GATE && nodeIds.contains(id)) {
      skipAttributes.addAll(Set.of("{" + Xml.CAMUNDA + "}candidateGroups",
          "{" + Xml.CAMUNDA + "}candidateUsers"));
      skipProperties = ElementKind.GATE_FIELDS;
      fields.approvalGate(node(id), before, after);
    }
    List<String> differences = Fingerprint.differences(
        Fingerprint.parts(before, skipAttributes, skipProperties),
        Fingerprint.parts(after, skipAttributes, skipProperties));
    if (!differences.isEmpty()) {
      refusals.add(id, "changed " + String.join(", ", differences) + " of " + describe(id, kind,
          before), hint(kind, differences));
    }
  }

  private void names(String id, ElementKind kind, Element before, Element after) {
    String name = Xml.attr(after, "name");
    String nameBefore = Xml.attr(before, "name");
    boolean node = kind.isNode() && nodeIds.contains(id);
    if (!Objects.equals(nameBefore, name)) {
      if (node) {
        setText(node(id), "name", name);
        applied.add(new Edit(id, "renamed node '" + id + "' to '" + (name == null ? id : name)
            + "'"));
      } else {
        ignored.add(new Edit(id, "renamed '" + nameBefore + "' to '" + name + "': Baton names "
            + "the elements it generates itself"));
      }
    }
    String documentation = Xml.documentation(after);
    if (!Objects.equals(Xml.documentation(before), documentation)) {
      if (node) {
        setText(node(id), "description", documentation);
        applied.add(new Edit(id, documentation == null ? "removed the description of node '"
            + id + "'" : "changed the description of node '" + id + "'"));
      } else {
        ignored.add(new Edit(id, "documentation of an element Baton generates is not kept"));
      }
    }
  }

  private static String describe(String id, ElementKind kind, Element element) {
    return switch (kind) {
      case AGENT_TASK -> "agent task '" + id + "'";
      case APPROVAL_GATE -> "approval gate '" + id + "'";
      case SEQUENCE_FLOW -> "flow '" + id + "'";
      default -> element.getLocalName() + " '" + id + "'";
    };
  }

  private static String hint(ElementKind kind, List<String> differences) {
    if (differences.contains("<conditionExpression>")) {
      return "conditions come from the spec's edges: change the edge's condition in the spec";
    }
    if (differences.contains("property " + BpmnConventions.PROP_ON_FAILURE)) {
      return "on failure follows the spec: a failure edge routes, allow_partial_completion "
          + "with critical: false continues, otherwise an incident";
    }
    if (differences.contains("property " + BpmnConventions.PROP_CONFIG)) {
      return "edit the template's fields, not baton.config: Baton writes it from the spec";
    }
    if (kind == ElementKind.AGENT_TASK || kind == ElementKind.APPROVAL_GATE) {
      return "edit the template's fields in the properties panel (name, documentation and "
          + "Baton's fields are taken); anything else comes from the spec";
    }
    return "Baton generates this element from the spec; change the spec instead "
        + "(docs/spec-reference.md)";
  }

  // ---- elements only in the edited BPMN

  private void added(String id, Element element) {
    ElementKind kind = ElementKind.of(element, Set.of());
    String local = element.getLocalName();
    switch (kind) {
      case ARTIFACT -> ignored.add(new Edit(id, local + " is not deployed (Baton compiles the "
          + "diagram from the spec)"));
      case SEQUENCE_FLOW -> {
        if (Xml.child(element, Xml.BPMN, "conditionExpression").isPresent()) {
          refusals.add(id, "new flow '" + id + "' has a condition expression",
              "conditions come from the spec's edges: add the edge with its condition in the "
                  + "spec; Baton never deploys expressions from an uploaded file");
        }
      }
      case AGENT_TASK -> newTask(id, element, "agent_task", Set.of("{" + Xml.CAMUNDA + "}type",
          "{" + Xml.CAMUNDA + "}topic"), ElementKind.AGENT_FIELDS);
      case APPROVAL_GATE -> newTask(id, element, "approval_gate", Set.of(
          "{" + Xml.CAMUNDA + "}formRef", "{" + Xml.CAMUNDA + "}formRefBinding",
          "{" + Xml.CAMUNDA + "}candidateGroups", "{" + Xml.CAMUNDA + "}candidateUsers"),
          ElementKind.GATE_FIELDS);
      case BUDGET_CHECK -> {
        passThrough.add(id);
        ignored.add(new Edit(id, "budget check: Baton puts one before every agent task "
            + "itself"));
      }
      default -> {
        boolean plain = Fingerprint.parts(element, Set.of("id"), Set.of()).isEmpty();
        if (plain && (local.equals("parallelGateway") || local.equals("endEvent")
            || (base == null && local.equals("startEvent")))) {
          passThrough.add(id);
        } else {
          refusals.add(id, local + " '" + id + "' is not a Baton element"
              + (plain ? "" : " (or has settings Baton does not deploy)"),
              "add agent tasks and approval gates from Baton's element templates; other "
                  + "elements (scripts, conditions, listeners, timers, sub-processes) come "
                  + "only from the spec");
        }
      }
    }
  }

  private void newTask(String elementId, Element element, String type, Set<String> allowed,
      Set<String> fieldNames) {
    Set<String> skip = new LinkedHashSet<>(allowed);
    skip.add("id");
    Set<String> skipProperties = new LinkedHashSet<>(fieldNames);
    skipProperties.addAll(ElementKind.INTERNAL);
    Map<String, String> extra = Fingerprint.parts(element, skip, skipProperties);
    if (!extra.isEmpty()) {
      refusals.add(elementId, "new " + type.replace('_', ' ') + " '" + elementId + "' has "
          + String.join(", ", Fingerprint.differences(Map.of(), extra)),
          "a new task has only its name, documentation and the template's fields");
    }
    if (type.equals("agent_task") && (!"external".equals(Xml.camunda(element, "type"))
        || !BpmnConventions.AGENT_TOPIC.equals(Xml.camunda(element, "topic")))) {
      refusals.add(elementId, "new agent task '" + elementId + "' does not use the topic "
          + BpmnConventions.AGENT_TOPIC, "apply the Baton agent task template unchanged");
    }
    String nodeId = nodeId(elementId);
    newNodes.put(elementId, nodeId);
    ObjectNode node = JSON.objectNode();
    node.put("id", nodeId);
    node.put("type", type);
    String name = Xml.attr(element, "name");
    if (name != null) {
      node.put("name", name);
    }
    String documentation = Xml.documentation(element);
    if (documentation != null) {
      node.put("description", documentation);
    }
    if (type.equals("agent_task")) {
      fields.agentTask(node, null, element);
    } else {
      fields.approvalGate(node, null, element);
    }
    if (node.path("config").isEmpty()) {
      node.remove("config");
    }
    node.putArray("dependencies");
    ((ArrayNode) spec.withArray("nodes")).add(node);
    nodeIds.add(nodeId);
  }

  /** The element's id as a node id: the spec's id rules, no '__', unique. */
  private String nodeId(String elementId) {
    String id = NOT_ID.matcher(elementId).replaceAll("_").replaceAll("_{2,}", "_");
    if (!Character.isLetter(id.charAt(0)) && id.charAt(0) != '_') {
      id = "n_" + id;
    }
    String unique = id;
    for (int n = 2; nodeIds.contains(unique) || newNodes.containsValue(unique); n++) {
      unique = id + "_" + n;
    }
    return unique;
  }

  // ---- elements only in the base

  private void removed(String id, Element element) {
    ElementKind kind = ElementKind.of(element, nodeIds);
    if (kind == ElementKind.SEQUENCE_FLOW || kind == ElementKind.ARTIFACT) {
      return; // flows: see graph()
    }
    if (kind.isNode() && nodeIds.contains(id)) {
      refusals.add(id, "removed node '" + id + "'", "remove a node in the spec (with its "
          + "edges and dependencies) and deploy the spec; then download the BPMN again");
    } else {
      refusals.add(id, "removed " + element.getLocalName() + " '" + id + "' ("
          + Xml.attr(element, "name") + "), which Baton generates", "Baton writes it for the "
          + "spec; change the spec instead");
    }
  }

  // ---- the graph

  private void graph() {
    List<Flow> before = base == null ? List.of() : flows(base);
    List<Flow> after = flows(edited);
    for (Flow f : after) {
      outgoing.computeIfAbsent(f.source(), k -> new ArrayList<>()).add(f);
      incoming.computeIfAbsent(f.target(), k -> new ArrayList<>()).add(f);
    }
    Set<List<String>> pairsBefore = new LinkedHashSet<>();
    before.forEach(f -> pairsBefore.add(List.of(f.source(), f.target())));
    Set<List<String>> pairsAfter = new LinkedHashSet<>();
    after.forEach(f -> pairsAfter.add(List.of(f.source(), f.target())));
    Set<String> fresh = new LinkedHashSet<>(newNodes.keySet());
    fresh.addAll(passThrough);
    for (Flow f : after) {
      if (!pairsBefore.contains(List.of(f.source(), f.target()))
          && !fresh.contains(f.source()) && !fresh.contains(f.target())) {
        refusals.add(f.id(), "new connection from '" + f.source() + "' to '" + f.target()
            + "'", "connections between nodes come from the spec: add an edge or a dependency "
            + "there");
      }
    }
    for (Flow f : before) {
      if (!pairsAfter.contains(List.of(f.source(), f.target()))) {
        replaced(f, after, fresh);
      }
    }
    for (String elementId : newNodes.keySet()) {
      connect(elementId, after);
    }
  }

  /** A base flow that is gone: it must now run through new tasks only (one dropped on it). */
  private void replaced(Flow f, List<Flow> after, Set<String> fresh) {
    List<String> path = path(f.source(), f.target(), after, fresh);
    List<String> inserted = path == null ? List.of()
        : path.stream().filter(newNodes::containsKey).toList();
    if (inserted.isEmpty()) {
      refusals.add(f.id(), "removed or reconnected the flow from '" + f.source() + "' to '"
          + f.target() + "'", "remove edges and dependencies in the spec; to insert a task, "
          + "drop it on a flow (or connect the flow's source to it and it to the flow's "
          + "target)");
      return;
    }
    String from = owner(f.source(), false);
    String to = owner(f.target(), true);
    if (from == null || to == null) {
      refusals.add(f.id(), "a task was inserted on the flow from '" + f.source() + "' to '"
          + f.target() + "', which stands for no connection of the spec", "insert it on a "
          + "flow between two nodes, or change the spec");
      return;
    }
    String first = newNodes.get(inserted.get(0));
    if (from.equals(START)) {
      return; // the new task starts the run; the old root follows it (connect())
    }
    if (to.equals(END)) {
      outcomeEdge(from, first, f);
      return;
    }
    ObjectNode target = node(to);
    for (JsonNode edge : spec.withArray("edges")) {
      if (edge.path("from").asText().equals(from) && edge.path("to").asText().equals(to)) {
        ((ObjectNode) edge).put("to", first); // the edge keeps its condition
        written.add(List.of(from, first));
        removeDependency(target, from);
        return;
      }
    }
    if (!removeDependency(target, from)) {
      refusals.add(f.id(), "cannot tell which connection of the spec the flow from '"
          + f.source() + "' to '" + f.target() + "' stands for", "insert the task in the spec");
    }
  }

  /** A task inserted before a sink's end: after a gate, on the outcome the flow was taken on. */
  private void outcomeEdge(String from, String first, Flow f) {
    String name = Xml.attr(f.element(), "name");
    String source = f.source();
    String condition = "rejected".equals(name) || "approved".equals(name) ? name
        : source.endsWith(BpmnConventions.SEP + "failed") ? "failure"
        : source.endsWith(BpmnConventions.SEP + "timeout") ? "timeout" : null;
    if (condition != null) {
      ObjectNode edge = spec.withArray("edges").addObject();
      edge.put("from", from).put("to", first).put("condition", condition);
      written.add(List.of(from, first));
    }
  }

  /** The new task's dependencies and the nodes that now depend on it. */
  private void connect(String elementId, List<Flow> after) {
    String nodeId = newNodes.get(elementId);
    ObjectNode node = node(nodeId);
    Set<String> before = neighbours(elementId, after, false, new LinkedHashSet<>());
    Set<String> next = neighbours(elementId, after, true, new LinkedHashSet<>());
    if (before.isEmpty()) {
      refusals.add(elementId, "new task '" + elementId + "' has no incoming flow",
          "connect it with a sequence flow from the node it follows");
      return;
    }
    for (String p : before) {
      if (p == null) {
        refusals.add(elementId, "new task '" + elementId + "' follows an element Baton cannot "
            + "trace to a node", "connect it after an agent task, a gate or the start");
      } else if (!p.equals(START) && !written.contains(List.of(p, nodeId))) {
        addDependency(node, p);
      }
    }
    for (String s : next) {
      if (s == null) {
        refusals.add(elementId, "new task '" + elementId + "' leads to an element Baton cannot "
            + "trace to a node", "connect it to the next agent task, gate or an end event");
      } else if (!s.equals(END) && !newNodes.containsValue(s)) {
        addDependency(node(s), nodeId);
      }
    }
    List<String> shownBefore = before.stream().map(p -> START.equals(p) ? "the start" : p)
        .toList();
    List<String> shownNext = next.stream().map(s -> END.equals(s) ? "the end" : s).toList();
    String what = node.path("type").asText().equals("agent_task") ? "agent task"
        : "approval gate";
    applied.add(new Edit(elementId, "added " + what + " '" + nodeId + "'"
        + (node.hasNonNull("name") ? " (" + node.get("name").asText() + ")" : "")
        + " between " + String.join(", ", shownBefore) + " and "
        + (shownNext.isEmpty() ? "the end" : String.join(", ", shownNext))));
  }

  /** The nodes before (or after) an element, through the new pass-through elements. */
  private Set<String> neighbours(String elementId, List<Flow> flows, boolean forward,
      Set<String> visited) {
    Set<String> found = new LinkedHashSet<>();
    if (!visited.add(elementId)) {
      return found;
    }
    for (Flow f : (forward ? outgoing : incoming).getOrDefault(elementId, List.of())) {
      String to = forward ? f.target() : f.source();
      if (newNodes.containsKey(to)) {
        found.add(newNodes.get(to));
      } else if (passThrough.contains(to)) {
        Element e = edited.element(to);
        if (e != null && Xml.isBpmn(e, "endEvent")) {
          found.add(END);
        } else if (e != null && Xml.isBpmn(e, "startEvent")) {
          found.add(START);
        } else {
          found.addAll(neighbours(to, flows, forward, visited));
        }
      } else {
        String owner = owner(to, forward);
        found.add(owner);
      }
    }
    return found;
  }

  /**
   * The spec node an element of the base stands for: its {@code baton.node}, its own id, or
   * the node its generated id starts with ({@code qa__budget}); the run's start for the start
   * event, the end for an end event (as a target).
   */
  private String owner(String elementId, boolean asTarget) {
    Element element = base == null ? null : base.element(elementId);
    if (element == null) {
      return null;
    }
    if (Xml.isBpmn(element, "startEvent")
        || elementId.equals("run" + BpmnConventions.SEP + "split")) {
      return START;
    }
    if (asTarget && Xml.isBpmn(element, "endEvent")) {
      return END;
    }
    String node = Xml.property(element, BpmnConventions.PROP_NODE);
    if (node != null && nodeIds.contains(node)) {
      return node;
    }
    if (nodeIds.contains(elementId)) {
      return elementId;
    }
    int sep = elementId.indexOf(BpmnConventions.SEP);
    String prefix = sep < 0 ? null : elementId.substring(0, sep);
    return prefix != null && nodeIds.contains(prefix) ? prefix : null;
  }

  /** A path source → … → target whose inner elements are all new; null when there is none. */
  private List<String> path(String source, String target, List<Flow> flows,
      Set<String> fresh) {
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(source));
    cameFrom.put(source, null);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (Flow f : outgoing.getOrDefault(at, List.of())) {
        if (cameFrom.containsKey(f.target())) {
          continue;
        }
        if (f.target().equals(target)) {
          if (at.equals(source)) {
            continue; // the direct flow is not a replacement
          }
          List<String> path = new ArrayList<>(List.of(target));
          for (String p = at; p != null; p = cameFrom.get(p)) {
            path.add(0, p);
          }
          return path;
        }
        if (fresh.contains(f.target())) {
          cameFrom.put(f.target(), at);
          queue.add(f.target());
        }
      }
    }
    return null;
  }

  private static List<Flow> flows(BpmnDocument document) {
    List<Flow> flows = new ArrayList<>();
    document.elements().forEach((id, e) -> {
      if (Xml.isBpmn(e, "sequenceFlow")) {
        flows.add(new Flow(id, Xml.attr(e, "sourceRef"), Xml.attr(e, "targetRef"), e));
      }
    });
    return flows;
  }

  // ---- the spec's JSON

  private ObjectNode node(String id) {
    for (JsonNode n : spec.withArray("nodes")) {
      if (n.path("id").asText().equals(id)) {
        return (ObjectNode) n;
      }
    }
    throw new IllegalStateException("no node " + id);
  }

  private static void addDependency(ObjectNode node, String dependency) {
    ArrayNode dependencies = node.withArray("dependencies");
    for (JsonNode d : dependencies) {
      if (d.asText().equals(dependency)) {
        return;
      }
    }
    dependencies.add(dependency);
  }

  private static boolean removeDependency(ObjectNode node, String dependency) {
    JsonNode dependencies = node.get("dependencies");
    if (dependencies == null || !dependencies.isArray()) {
      return false;
    }
    for (int i = 0; i < dependencies.size(); i++) {
      if (dependencies.get(i).asText().equals(dependency)) {
        ((ArrayNode) dependencies).remove(i);
        return true;
      }
    }
    return false;
  }

  private static void setText(ObjectNode object, String key, String value) {
    if (value == null) {
      object.remove(key);
    } else {
      object.put(key, value);
    }
  }
}
