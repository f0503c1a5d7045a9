package dev.baton.compile;

import dev.baton.compile.layout.Layout;
import dev.baton.contract.SpecSource;
import dev.baton.spec.WorkflowSpec;
import java.util.regex.Pattern;

/** Compiles a checked workflow spec to deterministic BPMN 2.0 XML with a laid-out diagram. */
public final class BpmnCompiler {

  private static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final CompilerSettings settings;

  public BpmnCompiler(CompilerSettings settings) {
    this.settings = settings;
  }

  public BpmnCompiler() {
    this(CompilerSettings.DEFAULTS);
  }

  /** Compiles with the spec's own name and version. */
  public CompiledWorkflow compile(String processKey, WorkflowSpec spec) {
    return compile(processKey, null, null, spec);
  }

  /**
   * @param processKey the process id, usually the workflow slug; must be a valid XML name
   * @param title the process name shown in Cockpit and Tasklist; defaults to the spec's name
   * @param version the version tag; defaults to the spec's {@code metadata.version}
   */
  public CompiledWorkflow compile(
      String processKey, String title, String version, WorkflowSpec spec) {
    return compile(processKey, title, version, spec, java.util.Map.of());
  }

  /**
   * @param agents the registry agent chosen for each agent task at deploy time (slug by node
   *     id), recorded as the task's {@code baton.agent} property; the compiler looks nothing up
   */
  public CompiledWorkflow compile(String processKey, String title, String version,
      WorkflowSpec spec, java.util.Map<String, String> agents) {
    return compile(processKey, title, version, spec, agents, null);
  }

  /**
   * @param source what the spec is (slug and hash of its stored text), written on the process
   *     as {@link SpecSource#PROPERTY} so that an edited BPMN names its base; null for none
   */
  public CompiledWorkflow compile(String processKey, String title, String version,
      WorkflowSpec spec, java.util.Map<String, String> agents, SpecSource source) {
    if (!PROCESS_KEY.matcher(processKey).matches()) {
      throw new IllegalArgumentException("'" + processKey + "' is not a valid process key: use "
          + "letters, digits, '_', '-', '.', starting with a letter");
    }
    String name = title == null || title.isBlank() ? spec.metadata().name() : title;
    String versionTag = version == null || version.isBlank() ? spec.metadata().version() : version;
    ProcessPlan plan = new ProcessPlanner(spec, agents).plan(processKey, name, versionTag);
    Layout layout = DiagramLayout.of(plan);
    // the spec's words for people: the process's and each node's documentation in the Modeler
    java.util.Map<String, String> documentation = new java.util.LinkedHashMap<>();
    if (spec.metadata().description() != null && !spec.metadata().description().isBlank()) {
      documentation.put(processKey, spec.metadata().description());
    }
    spec.nodes().stream().filter(n -> n.description() != null && !n.description().isBlank())
        .forEach(n -> documentation.put(n.id(), n.description()));
    return new CompiledWorkflow(processKey,
        new BpmnWriter(settings).write(plan, layout, documentation, source));
  }
}
