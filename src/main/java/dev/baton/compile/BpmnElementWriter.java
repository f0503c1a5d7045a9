package dev.baton.compile;

import dev.baton.compile.PlanElement.Kind;
import dev.baton.contract.BpmnConventions;
import dev.baton.spec.IdentityIds;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Writes the process elements of a {@link ProcessPlan} (events, tasks, gateways, flows and their
 * Camunda extensions) through the Camunda Model API
 * (which checks the result against the BPMN schema). Every id is set explicitly: the fluent
 * builder's random ids would make each compile a new process version.
 *
 * <p>No text of a spec becomes an expression. Camunda evaluates a user task's name, its
 * candidate groups and users, timer definitions, conditions and listener expressions: names
 * are written as {@link JuelText#literal escaped literal text}, candidates must be plain ids
 * ({@link IdentityIds}), timers are written from a {@link Duration}, and conditions and
 * listeners come from {@link Expressions}, which puts user text only inside JUEL string
 * literals. Everything else the writer fills in (other names, extension properties, the
 * version tag) Camunda does not evaluate.
 */
final class BpmnElementWriter {

  /** Camunda keeps names (activity, task, process) in 255-character columns. */
  static final int MAX_NAME = 255;

  static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  static final String TARGET_NAMESPACE = "https://baton.dev/workflows";

  static final int MAX_DOCUMENTATION = 4000; // the longest description a spec may have

  /** The parts of an event subprocess, for the diagram to draw. */
  record EventSubProcess(SubProcess sub, StartEvent start, EndEvent end, SequenceFlow flow) {}

  private final BpmnModelInstance model;
  private final Map<String, FlowNode> nodes = new HashMap<>();
  private final CompilerSettings settings;
  private Definitions definitions;
  private Process process;
  private Error agentFailed;
  private Error budgetExceeded;

  BpmnElementWriter(BpmnModelInstance model, CompilerSettings settings) {
    this.model = model;
    this.settings = settings;
  }

  /** The definitions element, once {@link #process} has written it. */
  Definitions definitionsElement() {
    return definitions;
  }

  /** The flow node written for a plan element. */
  FlowNode node(String id) {
    return nodes.get(id);
  }

  /** Flow nodes (boundary events after the activities they sit on), then sequence flows. */
  void elements(ProcessPlan plan) {
    plan.elements().stream().filter(e -> !e.kind().isBoundary()).forEach(this::element);
    plan.elements().stream().filter(e -> e.kind().isBoundary()).forEach(this::element);
    plan.flows().forEach(this::flow);
  }

  /** Plain text (never an expression: documentation is not evaluated), clipped. */
  void document(String id, String text) {
    BaseElement element = id.equals(process.getId()) ? process : nodes.get(id);
    if (element == null) {
      return;
    }
    // a fixed id: identical specs compile to identical bytes
    Documentation documentation =
        model.newInstance(Documentation.class, id + BpmnConventions.SEP + "documentation");
    documentation.setTextContent(text.length() > MAX_DOCUMENTATION
        ? text.substring(0, MAX_DOCUMENTATION) : text);
    element.getDocumentations().add(documentation);
  }

  /** The spec this BPMN is compiled from, as a property of the process (not evaluated). */
  void source(dev.baton.contract.SpecSource source) {
    properties(process, Map.of(dev.baton.contract.SpecSource.PROPERTY, source.text()));
  }

  private void writeDefinitions() {
    definitions = model.newInstance(Definitions.class);
    definitions.setTargetNamespace(TARGET_NAMESPACE);
    model.setDefinitions(definitions);
    definitions.getDomElement().registerNamespace("camunda", BpmnModelConstants.CAMUNDA_NS);
    definitions.getDomElement().registerNamespace("modeler", MODELER_NS);
    definitions.setExporter("Baton");
    definitions.setExporterVersion(settings.exporterVersion());
    definitions.setAttributeValueNs(MODELER_NS, "executionPlatform", "Camunda Platform");
    definitions.setAttributeValueNs(MODELER_NS, "executionPlatformVersion", "7.24.0");
  }

  /** The definitions, the errors the plan throws or catches, and the (empty) process. */
  Process process(ProcessPlan plan) {
    writeDefinitions();
    definitions.setId("definitions" + BpmnConventions.SEP + plan.processKey());
    if (plan.budgetWatch()) {
      budgetExceeded =
          model.newInstance(Error.class, "error" + BpmnConventions.SEP + "budget_exceeded");
      budgetExceeded.setName("Budget exceeded");
      budgetExceeded.setErrorCode(BpmnConventions.BUDGET_EXCEEDED);
      definitions.addChildElement(budgetExceeded);
    }
    // declared only when an error boundary event catches it (an unused error is a lint warning)
    if (plan.elements().stream().anyMatch(e -> e.kind() == Kind.ERROR_BOUNDARY)) {
      agentFailed = model.newInstance(Error.class, "error" + BpmnConventions.SEP + "agent_failed");
      agentFailed.setName("Agent task failed");
      agentFailed.setErrorCode(BpmnConventions.AGENT_FAILED);
      definitions.addChildElement(agentFailed);
    }
    process = model.newInstance(Process.class, plan.processKey());
    process.setName(plan.name() == null ? null : clip(plan.name()));
    process.setExecutable(true);
    if (plan.versionTag() != null && !plan.versionTag().isBlank()) {
      if (plan.versionTag().length() > dev.baton.spec.SpecLimits.MAX_VERSION_LENGTH) {
        throw new IllegalArgumentException("version tags have at most "
            + dev.baton.spec.SpecLimits.MAX_VERSION_LENGTH + " characters");
      }
      process.setCamundaVersionTag(plan.versionTag());
    }
    process.setCamundaHistoryTimeToLiveString(settings.historyTimeToLive());
    // a run's priority orders its agent tasks for the workers (set before the first one exists)
    process.setCamundaTaskPriority("${" + BpmnConventions.VAR_PRIORITY + "}");
    definitions.addChildElement(process);
    return process;
  }

  private void element(PlanElement e) {
    FlowNode node = switch (e.kind()) {
      case START -> start(e);
      case END -> model.newInstance(EndEvent.class, e.id());
      case TERMINATE_END -> terminateEnd(e);
      case AGENT_TASK -> agentTask(e);
      case BUDGET_CHECK -> budgetCheck(e);
      case APPROVAL -> approval(e);
      case BUDGET_OVERRIDE -> budgetOverride(e);
      case EXCLUSIVE_GATEWAY -> model.newInstance(ExclusiveGateway.class, e.id());
      case PARALLEL_GATEWAY -> model.newInstance(ParallelGateway.class, e.id());
      case INCLUSIVE_GATEWAY -> model.newInstance(InclusiveGateway.class, e.id());
      case TIMER_BOUNDARY, ESCALATION_TIMER, ERROR_BOUNDARY -> boundary(e);
    };
    boolean userTask = e.kind() == Kind.APPROVAL || e.kind() == Kind.BUDGET_OVERRIDE;
    node.setName(e.name() == null ? null
        : userTask ? JuelText.literal(e.name(), MAX_NAME) : clip(e.name()));
    append(process, node);
    template(node, e.kind());
    if (e.asyncBefore()) {
      node.setCamundaAsyncBefore(true);
    }
    if (e.startListener() != null) {
      listener(node, "start", e.startListener());
    }
    if (e.endListener() != null) {
      listener(node, "end", e.endListener());
    }
    nodes.put(e.id(), node);
  }

  /**
   * Links an agent task, approval gate or budget check to its element template, so that the
   * Modeler shows the template's fields (the readable properties) in its properties panel.
   */
  private static void template(FlowNode node, Kind kind) {
    String template = switch (kind) {
      case AGENT_TASK -> ModelerTemplates.AGENT_TASK;
      case APPROVAL -> ModelerTemplates.APPROVAL_GATE;
      case BUDGET_CHECK -> ModelerTemplates.BUDGET_CHECK;
      default -> null;
    };
    if (template != null) {
      node.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "modelerTemplate", template);
      node.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "modelerTemplateVersion",
          String.valueOf(ModelerTemplates.VERSION));
    }
  }

  private FlowNode start(PlanElement e) {
    return model.newInstance(StartEvent.class, e.id());
  }

  private FlowNode terminateEnd(PlanElement e) {
    EndEvent end = model.newInstance(EndEvent.class, e.id());
    end.addChildElement(
        model.newInstance(TerminateEventDefinition.class, e.id() + BpmnConventions.SEP + "def"));
    return end;
  }

  private FlowNode agentTask(PlanElement e) {
    ServiceTask task = model.newInstance(ServiceTask.class, e.id());
    task.setCamundaType("external");
    task.setCamundaTopic(BpmnConventions.AGENT_TOPIC);
    properties(task, e.properties());
    return task;
  }

  private void properties(BaseElement element, Map<String, String> values) {
    if (values.isEmpty()) {
      return;
    }
    CamundaProperties properties =
        extensions(element).addExtensionElement(CamundaProperties.class);
    values.forEach((name, value) -> {
      CamundaProperty property = model.newInstance(CamundaProperty.class);
      property.setCamundaName(name);
      property.setCamundaValue(value);
      properties.addChildElement(property);
    });
  }

  private FlowNode budgetCheck(PlanElement e) {
    BusinessRuleTask task = model.newInstance(BusinessRuleTask.class, e.id());
    task.setCamundaDecisionRef(BpmnConventions.BUDGET_DECISION);
    task.setCamundaDecisionRefBinding("latest");
    // one budget table for every tenant: deployed without a tenant, found by an explicit null
    // (without it Camunda looks in the workflow's own tenant)
    task.setCamundaDecisionRefTenantId(Expressions.SHARED_TENANT);
    // no result variable: the guard reads the transient result and keeps only what matters
    properties(task, e.properties());
    return task;
  }

  /** Candidate groups and users: plain ids only, since Camunda evaluates these attributes. */
  private void candidates(UserTask task, PlanElement e) {
    for (String id : e.candidateGroups()) {
      requirePlainId(e, id);
    }
    for (String id : e.candidateUsers()) {
      requirePlainId(e, id);
    }
    if (!e.candidateGroups().isEmpty()) {
      task.setCamundaCandidateGroups(String.join(",", e.candidateGroups()));
    }
    if (!e.candidateUsers().isEmpty()) {
      task.setCamundaCandidateUsers(String.join(",", e.candidateUsers()));
    }
  }

  private static void requirePlainId(PlanElement e, String id) {
    if (!IdentityIds.valid(id)) {
      throw new IllegalArgumentException("candidate of " + e.id() + " is not a plain group or "
          + "user id (" + IdentityIds.PATTERN_TEXT + "): the spec should have been refused");
    }
  }

  private FlowNode approval(PlanElement e) {
    // the form is deployed with the process, so a run always shows the form it was built with
    return userTask(e, BpmnConventions.APPROVAL_FORM, Expressions.prepareReview(),
        Expressions.recordDecision());
  }

  private FlowNode budgetOverride(PlanElement e) {
    return userTask(e, BpmnConventions.BUDGET_OVERRIDE_FORM, Expressions.prepareOverride(),
        Expressions.recordOverride());
  }

  /**
   * A human decision: candidates, its form (bound to the deployment), its properties, and the
   * listeners that prepare the task on create and record the decision on complete.
   */
  private FlowNode userTask(PlanElement e, String formRef, String prepareExpression,
      String recordExpression) {
    UserTask task = model.newInstance(UserTask.class, e.id());
    candidates(task, e);
    task.setCamundaFormRef(formRef);
    task.setCamundaFormRefBinding("deployment");
    properties(task, e.properties());
    listener(task, CamundaTaskListener.class, "create", prepareExpression);
    listener(task, CamundaTaskListener.class, "complete", recordExpression);
    return task;
  }

  private FlowNode boundary(PlanElement e) {
    BoundaryEvent event = model.newInstance(BoundaryEvent.class, e.id());
    event.setAttachedTo((Activity) nodes.get(e.attachedTo()));
    event.setCancelActivity(e.kind() != Kind.ESCALATION_TIMER);
    if (e.kind() == Kind.TIMER_BOUNDARY || e.kind() == Kind.ESCALATION_TIMER) {
      event.addChildElement(timer(e.id(), e.timer()));
    } else {
      ErrorEventDefinition error =
          model.newInstance(ErrorEventDefinition.class, e.id() + BpmnConventions.SEP + "def");
      error.setError(agentFailed);
      event.addChildElement(error);
    }
    return event;
  }

  /** A timer written from a parsed duration: its text is ISO 8601 as java.time writes it. */
  private TimerEventDefinition timer(String ownerId, Duration after) {
    if (after == null || after.isNegative()) {
      throw new IllegalArgumentException("timer of " + ownerId + " needs a duration >= 0");
    }
    TimerEventDefinition timer =
        model.newInstance(TimerEventDefinition.class, ownerId + BpmnConventions.SEP + "def");
    TimeDuration duration =
        model.newInstance(TimeDuration.class, ownerId + BpmnConventions.SEP + "duration");
    duration.setTextContent(after.toString());
    timer.setTimeDuration(duration);
    return timer;
  }

  private void flow(PlanFlow f) {
    FlowNode source = nodes.get(f.source());
    FlowNode target = nodes.get(f.target());
    SequenceFlow flow = model.newInstance(SequenceFlow.class, f.id());
    append(process, flow);
    flow.setSource(source);
    flow.setTarget(target);
    if (f.name() != null) {
      flow.setName(clip(f.name()));
    }
    source.getOutgoing().add(flow);
    target.getIncoming().add(flow);
    if (f.condition() != null) {
      ConditionExpression condition =
          model.newInstance(ConditionExpression.class, f.id() + BpmnConventions.SEP + "condition");
      condition.setTextContent(f.condition());
      flow.setConditionExpression(condition);
    }
    if (f.isDefault()) {
      if (source instanceof ExclusiveGateway gateway) {
        gateway.setDefault(flow);
      } else if (source instanceof InclusiveGateway gateway) {
        gateway.setDefault(flow);
      }
    }
  }

  /** The SLA watch: a non-interrupting timer start that marks the run as breached. */
  EventSubProcess slaSubProcess(Duration after) {
    String id = "run" + BpmnConventions.SEP + "sla";
    StartEvent start = model.newInstance(StartEvent.class, id + BpmnConventions.SEP + "start");
    start.setName("SLA passed");
    start.setInterrupting(false);
    start.addChildElement(timer(start.getId(), after));
    return eventSubProcess(id, "SLA watch", start, "Marked as breached", Expressions.slaBreached());
  }

  /** Catches BUDGET_EXCEEDED from anywhere in the run and stops it with the reason. */
  EventSubProcess budgetSubProcess() {
    String id = "run" + BpmnConventions.SEP + "budget";
    StartEvent start = model.newInstance(StartEvent.class, id + BpmnConventions.SEP + "start");
    start.setName("Over budget");
    ErrorEventDefinition error =
        model.newInstance(ErrorEventDefinition.class, start.getId() + BpmnConventions.SEP + "def");
    error.setError(budgetExceeded);
    error.setCamundaErrorMessageVariable(BpmnConventions.VAR_BUDGET_ERROR);
    start.addChildElement(error);
    return eventSubProcess(id, "Budget watch", start, "Stopped: budget exceeded",
        Expressions.budgetExceeded());
  }

  private EventSubProcess eventSubProcess(String id, String name, StartEvent start,
      String endName, String endListener) {
    SubProcess sub = model.newInstance(SubProcess.class, id);
    sub.setTriggeredByEvent(true);
    sub.setName(name);
    append(process, sub);
    sub.addChildElement(start);
    EndEvent end = model.newInstance(EndEvent.class, id + BpmnConventions.SEP + "end");
    end.setName(endName);
    listener(end, "start", endListener);
    sub.addChildElement(end);
    SequenceFlow flow = model.newInstance(SequenceFlow.class, id + BpmnConventions.SEP + "flow");
    sub.addChildElement(flow);
    flow.setSource(start);
    flow.setTarget(end);
    start.getOutgoing().add(flow);
    end.getIncoming().add(flow);
    return new EventSubProcess(sub, start, end, flow);
  }

  /** Names longer than Camunda's columns are cut with an ellipsis, never inside a character. */
  private static String clip(String name) {
    if (name.length() <= MAX_NAME) {
      return name;
    }
    int keep = MAX_NAME - 1;
    if (Character.isHighSurrogate(name.charAt(keep - 1))) {
      keep--;
    }
    return name.substring(0, keep) + "…";
  }

  /**
   * Appends a child to a large parent. The Model API's addChildElement looks for the
   * schema-correct position among all siblings, which makes writing a process quadratic; the
   * process and the diagram plane accept their children in any order, so appending is correct
   * and keeps a 1,000-node compile well under a second.
   */
  static void append(ModelElementInstance parent, ModelElementInstance child) {
    parent.getDomElement().appendChild(child.getDomElement());
  }

  private void listener(BaseElement element, String event, String expression) {
    listener(element, CamundaExecutionListener.class, event, expression);
  }

  /**
   * An execution or task listener; both carry {@code camunda:event} and {@code
   * camunda:expression} (the Model API gives the two types no common interface).
   */
  private void listener(BaseElement element, Class<? extends ModelElementInstance> type,
      String event, String expression) {
    ModelElementInstance listener = extensions(element).addExtensionElement(type);
    listener.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "event", event);
    listener.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "expression", expression);
  }

  private ExtensionElements extensions(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      extensions = model.newInstance(ExtensionElements.class);
      element.setExtensionElements(extensions);
    }
    return extensions;
  }
}
