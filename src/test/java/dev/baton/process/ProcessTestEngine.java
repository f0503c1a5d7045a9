package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.BatonProperties;
import dev.baton.approval.GateDecisions;
import dev.baton.approval.ApprovalTestParts;
import dev.baton.approval.GateListener;
import dev.baton.audit.AuditLog;
import dev.baton.budget.BudgetFacts;
import dev.baton.approval.BudgetOverrides;
import dev.baton.budget.BudgetTestParts;
import dev.baton.budget.LimitsSource;
import dev.baton.budget.RunBudgets;
import dev.baton.budget.SpendReader;
import dev.baton.llm.ModelPrices;
import dev.baton.notify.Notifier;
import dev.baton.compile.BpmnCompiler;
import dev.baton.contract.BpmnConventions;
import dev.baton.compile.CompiledWorkflow;
import dev.baton.it.TestDatabase;
import dev.baton.run.Conditions;
import dev.baton.contract.JsonValues;
import dev.baton.run.RunOutcome;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.spec.WorkflowSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A Camunda engine without the application around it (in-memory H2, or PostgreSQL in the
 * PostgreSQL pass) that runs compiled Baton BPMN the way the application does: the same beans
 * ({@code conditions}, {@code runOutcome}, {@code approvals}, the budget beans), Baton's tables
 * (Flyway) and engine guards ({@link ApprovalTestParts#enginePlugin}), in Spring-managed transactions like
 * the application's, Spin JSON variables, the budget DMN and the approval form deployed with
 * each process. The job executor is off: tests execute jobs (async start, joins, timers)
 * explicitly.
 *
 * <p>Who may decide what is checked on the engine, so the tests' deciders have groups: {@link
 * #GROUPS}.
 *
 * <p>One engine per JVM; {@link #reset()} removes every deployment (with its runs) and resets
 * the engine clock, so tests do not see each other.
 */
public final class ProcessTestEngine {

  static final String WORKER = "process-test";
  static final Path PROCESSES = Path.of("processes");
  static final Path TEST_SPECS = Path.of("src/test/resources/specs/process");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ProcessTestEngine shared;

  private final ProcessEngine engine;
  private final SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);
  private final BpmnCompiler compiler = new BpmnCompiler();
  private final Map<String, String> lastBpmn = new HashMap<>();

  /**
   * The deciders of the process tests and their groups (not the demo users' groups): members of
   * what the test specs' gates ask for, {@code mallory} of none, {@code root} an administrator.
   */
  public static final Map<String, List<String>> GROUPS = Map.of(
      "alice", List.of("product-owner", "TenantAdmin"),
      "bob", List.of("product-owner", "TenantAdmin", "devops-lead"),
      "carol", List.of("product-owner", "TenantAdmin"),
      "dana", List.of("devops-lead"),
      "mallory", List.of(),
      "root", List.of("camunda-admin"));

  private final JdbcTemplate jdbc;
  private final RunBudgets runBudgets;
  private final GateDecisions gateDecisions;

  private ProcessTestEngine() {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(TestDatabase.processTestUrl());
    dataSource.setUsername(TestDatabase.user());
    dataSource.setPassword(TestDatabase.password());
    dataSource.setMaximumPoolSize(8);
    Flyway.configure().dataSource(dataSource).table("baton_schema_history")
        .baselineOnMigrate(true).load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    runBudgets = new RunBudgets(jdbc, new java.math.BigDecimal("2.00"));
    gateDecisions = new GateDecisions(jdbc, "default");
    AuditLog audit = AuditLog.standalone(jdbc, transactions);

    SpringProcessEngineConfiguration config = new SpringProcessEngineConfiguration();
    config.setProcessEngineName("baton-process-test-" + UUID.randomUUID());
    config.setDataSource(dataSource);
    config.setTransactionManager(transactions);
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    config.setJobExecutorActivate(false);
    config.setProcessEnginePlugins(new ArrayList<>(List.of(new SpinProcessEnginePlugin(),
        ApprovalTestParts.enginePlugin(audit, runBudgets, gateDecisions),
        BudgetTestParts.historyPlugin(new SimpleMeterRegistry()))));
    config.setDefaultSerializationFormat("application/json");
    config.setGeneralResourceWhitelistPattern("[a-zA-Z0-9_.@-]+");
    config.setEnforceHistoryTimeToLive(true);
    config.setMetricsEnabled(false);
    Map<Object, Object> beans = new HashMap<>();
    config.setBeans(beans);
    engine = config.buildProcessEngine();
    // the approval service needs engine services; the expression manager reads the same map
    beans.put("conditions", new Conditions());
    beans.put("runOutcome", new RunOutcome(runBudgets, gateDecisions));
    Notifier notifier = new Notifier(Path.of("connectors"));
    LimitsSource limits = BudgetTestParts.limits(jdbc, new BatonProperties(PROCESSES,
        Path.of("forms"), Path.of("connectors"), new BatonProperties.Demo(false),
        new BatonProperties.Compiler("P30D"), new BatonProperties.Worker(false, 1,
            java.time.Duration.ofSeconds(60), 3, java.time.Duration.ofSeconds(2)), "default",
        new BatonProperties.Budget("hard_cap", new java.math.BigDecimal("2.00"), 80,
            List.of("log"))));
    beans.put("approvals", new GateListener(notifier, SpendReader.NONE, limits, gateDecisions,
        audit, dev.baton.privacy.Privacy.defaults()));
    // alerts are counted here; once-per-crossing is the database's job (BudgetAlertsIT)
    beans.put("budgetGuard", BudgetTestParts.guard(alerts));
    beans.put("budgetOverrides", new BudgetOverrides(SpendReader.NONE, limits, runBudgets,
        gateDecisions, audit, dev.baton.privacy.Privacy.defaults()));
    beans.put("budgetFacts", new BudgetFacts(SpendReader.NONE, new dev.baton.budget.CostFormula(
        new ModelPrices(Map.of("baton-simulated", new ModelPrices.Price(
            new java.math.BigDecimal("0.0005"), new java.math.BigDecimal("0.0015"), null)), 1024),
        "baton-simulated"), limits, dev.baton.budget.AgentConfigs.NONE));
  }

  /** Budget alerts raised so far (limit: reason), oldest first. */
  public final List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The engine of this JVM, with camunda-bpm-assert bound to it. */
  public static synchronized ProcessTestEngine get() {
    if (shared == null) {
      shared = new ProcessTestEngine();
    }
    BpmnAwareTests.init(shared.engine);
    return shared;
  }

  public ProcessEngine engine() {
    return engine;
  }

  public RuntimeService runtime() {
    return engine.getRuntimeService();
  }

  public TaskService tasks() {
    return engine.getTaskService();
  }

  public HistoryService history() {
    return engine.getHistoryService();
  }

  public ManagementService management() {
    return engine.getManagementService();
  }

  public ExternalTaskService externalTasks() {
    return engine.getExternalTaskService();
  }

  /** Baton's tables in the engine's database. */
  public JdbcTemplate jdbc() {
    return jdbc;
  }

  /** Runs' budgets in force, as the application keeps them. */
  public RunBudgets runBudgets() {
    return runBudgets;
  }

  /** The gates' record, as the application keeps it. */
  public GateDecisions gateDecisions() {
    return gateDecisions;
  }

  /** Deletes every deployment with its runs and resets the engine clock. */
  public void reset() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    RepositoryService repository = engine.getRepositoryService();
    for (Deployment d : repository.createDeploymentQuery().list()) {
      repository.deleteDeployment(d.getId(), true, true);
    }
    lastBpmn.clear();
  }

  // ------------------------------------------------------------------ specs and deployment

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample spec under processes/, by file name without .json. */
  public static Path sample(String name) {
    return PROCESSES.resolve(name + ".json");
  }

  /** A test spec under src/test/resources/specs/process/, by file name without .json. */
  public static Path testSpec(String name) {
    return TEST_SPECS.resolve(name + ".json");
  }

  public WorkflowSpec spec(String json) {
    return reader.read(json).orThrow();
  }

  /** Compiles a spec file under its file name (the slug) and deploys it. */
  public String deploy(Path specFile) {
    String slug = specFile.getFileName().toString().replaceFirst("\\.json$", "");
    return deploy(slug, read(specFile));
  }

  /**
   * Compiles spec text and deploys the BPMN with the budget DMN and the approval form, as the
   * application does; returns the process key.
   */
  public String deploy(String slug, String specJson) {
    CompiledWorkflow compiled = compiler.compile(slug, spec(specJson));
    lastBpmn.put(slug, compiled.bpmnXml());
    engine.getRepositoryService().createDeployment()
        .name(slug)
        .addString(compiled.resourceName(), compiled.bpmnXml())
        .addString("baton-budget-check.dmn", read(PROCESSES.resolve("baton-budget-check.dmn")))
        .addString("approval.form", read(Path.of("forms/approval.form")))
        .addString("budget-override.form", read(Path.of("forms/budget-override.form")))
        .deploy();
    return compiled.processKey();
  }

  /** The BPMN XML last deployed under a slug. */
  public String bpmn(String slug) {
    return lastBpmn.get(slug);
  }

  // ------------------------------------------------------------------ driving runs

  /** Starts a run with the given input and executes the asynchronous start. */
  public ProcessInstance start(String processKey, String inputJson) {
    Map<String, Object> variables = new HashMap<>();
    // as RunService does: the process's job priority expression reads it before the start
    variables.put(BpmnConventions.VAR_PRIORITY, 0);
    if (inputJson != null) {
      variables.put(BpmnConventions.VAR_INPUT, JsonValues.toVariable(json(inputJson)));
    }
    ProcessInstance run = runtime().startProcessInstanceByKey(processKey, variables);
    executeJob(run, "run__start");
    return run;
  }

  public ProcessInstance start(String processKey) {
    return start(processKey, null);
  }

  /** The job of one activity (async continuation or timer) of a run; fails when absent. */
  public Job job(ProcessInstance run, String activityId) {
    List<Job> jobs = management().createJobQuery().processInstanceId(run.getId())
        .activityId(activityId).list();
    assertThat(jobs).as("jobs at %s", activityId).hasSize(1);
    return jobs.get(0);
  }

  public List<Job> jobs(ProcessInstance run) {
    return management().createJobQuery().processInstanceId(run.getId()).list();
  }

  public void executeJob(ProcessInstance run, String activityId) {
    management().executeJob(job(run, activityId).getId());
  }

  /**
   * Executes the due jobs of an activity until none is left (e.g. a join reached by several).
   * A timer counts only once the engine clock has passed its due date.
   */
  public int executeJobs(ProcessInstance run, String activityId) {
    int executed = 0;
    List<Job> jobs;
    while (!(jobs = management().createJobQuery().processInstanceId(run.getId())
        .activityId(activityId).executable().list()).isEmpty()) {
      for (Job job : jobs) {
        management().executeJob(job.getId());
        executed++;
      }
    }
    return executed;
  }

  /** Activity ids of the open external tasks of a run, sorted. */
  public List<String> openAgentTasks(ProcessInstance run) {
    return externalTasks().createExternalTaskQuery().processInstanceId(run.getId()).list()
        .stream().map(t -> t.getActivityId()).sorted().toList();
  }

  /**
   * Completes a node's external task as the worker would: variable {@code <node>} = {@code
   * {"output": output}}.
   */
  public void completeAgent(ProcessInstance run, String nodeId, String outputJson) {
    LockedExternalTask task = lock(run, nodeId);
    JsonNode result = JSON.createObjectNode().set("output", json(outputJson));
    externalTasks().complete(task.getId(), WORKER,
        Map.of(nodeId, JsonValues.toVariable(result)));
  }

  /** Reports a node's external task as failed with a BPMN error (its failure route). */
  public void failAgent(ProcessInstance run, String nodeId, String message) {
    LockedExternalTask task = lock(run, nodeId);
    externalTasks().handleBpmnError(task.getId(), WORKER, BpmnConventions.AGENT_FAILED, message);
  }

  private LockedExternalTask lock(ProcessInstance run, String nodeId) {
    List<LockedExternalTask> locked = externalTasks().fetchAndLock(1000, WORKER)
        .topic(BpmnConventions.AGENT_TOPIC, 60_000).execute();
    LockedExternalTask match = null;
    for (LockedExternalTask t : locked) {
      if (match == null && t.getProcessInstanceId().equals(run.getId())
          && t.getActivityId().equals(nodeId)) {
        match = t;
      } else {
        externalTasks().unlock(t.getId());
      }
    }
    assertThat(match).as("an open agent task '%s' (open: %s)", nodeId, openAgentTasks(run))
        .isNotNull();
    assertThat(match.getTopicName()).isEqualTo(BpmnConventions.AGENT_TOPIC);
    return match;
  }

  public void approve(ProcessInstance run, String gateId, String user, String comment) {
    decide(run, gateId, user, "approve", comment);
  }

  public void reject(ProcessInstance run, String gateId, String user, String comment) {
    decide(run, gateId, user, "reject", comment);
  }

  public void decide(ProcessInstance run, String gateId, String user, String decision,
      String comment) {
    Task task = tasks().createTaskQuery().processInstanceId(run.getId())
        .taskDefinitionKey(gateId).singleResult();
    assertThat(task).as("an open approval task '%s'", gateId).isNotNull();
    Map<String, Object> form = new HashMap<>();
    form.put("decision", decision);
    form.put("comment", comment);
    completeAs(user, task.getId(), form);
  }

  /** Completes a task as the user, with their groups ({@link #GROUPS}). */
  public void completeAs(String user, String taskId, Map<String, Object> variables) {
    as(user, () -> tasks().complete(taskId, variables));
  }

  /** Runs an engine call as the user with their groups ({@link #GROUPS}), as the webapps do. */
  public void as(String user, Runnable call) {
    engine.getIdentityService().setAuthentication(user, GROUPS.getOrDefault(user, List.of()));
    try {
      call.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  // ------------------------------------------------------------------ reading results

  /** A variable of a run, running or ended (from history). */
  public Object variable(ProcessInstance run, String name) {
    List<HistoricVariableInstance> values = history().createHistoricVariableInstanceQuery()
        .processInstanceId(run.getId()).variableName(name).list();
    if (values.isEmpty()) {
      return null;
    }
    assertThat(values).as("variable %s (one instance)", name).hasSize(1);
    return values.get(0).getValue();
  }

  /** A JSON variable of a run as a Jackson tree. */
  /**
   * The latest budget decision for a node. Every decision other than ALLOW is in the decision
   * history ({@link AllowedChecksOutOfHistory}); an ALLOW is the latest check's activity ended
   * with no decision recorded for it and the node's agent task started after it.
   */
  public String budgetDecision(ProcessInstance run, String nodeId) {
    List<org.camunda.bpm.engine.history.HistoricActivityInstance> checks = history()
        .createHistoricActivityInstanceQuery().processInstanceId(run.getId())
        .activityId(nodeId + "__budget").orderByHistoricActivityInstanceStartTime().desc()
        .orderPartiallyByOccurrence().desc().list();
    assertThat(checks).as("budget checks of %s", nodeId).isNotEmpty();
    org.camunda.bpm.engine.history.HistoricActivityInstance check = checks.get(0);
    List<org.camunda.bpm.engine.history.HistoricDecisionInstance> recorded = history()
        .createHistoricDecisionInstanceQuery().processInstanceId(run.getId())
        .activityInstanceIdIn(check.getId()).includeOutputs().list();
    if (!recorded.isEmpty()) {
      return recorded.get(0).getOutputs().stream()
          .filter(o -> "decision".equals(o.getVariableName()))
          .map(o -> String.valueOf(o.getValue())).findFirst().orElseThrow();
    }
    assertThat(check.getEndTime()).as("the budget check of %s ended", nodeId).isNotNull();
    assertThat(history().createHistoricActivityInstanceQuery().processInstanceId(run.getId())
        .activityId(nodeId).list())
        .as("%s ran after a check with no recorded decision (ALLOW)", nodeId)
        .anyMatch(task -> !task.getStartTime().before(check.getEndTime()));
    return "ALLOW";
  }

  public JsonNode jsonVariable(ProcessInstance run, String name) {
    return JsonValues.toJson(variable(run, name));
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
