package dev.baton.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DMN file deploys as-is into a process engine that enforces a history time to live, and
 * evaluates through the DecisionService by key (the latest version, as decisionRefBinding=latest
 * does for the business rule task).
 */
class BudgetDecisionDeploymentTest {

  private static ProcessEngine engine;

  @BeforeAll
  static void startEngine() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
        ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
    configuration
        .setJdbcUrl("jdbc:h2:mem:budget-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
        .setJobExecutorActivate(false)
        .setProcessEngineName("budget-dmn-" + UUID.randomUUID());
    configuration.setEnforceHistoryTimeToLive(true);
    engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment()
        .name("budget")
        .addInputStream("baton-budget-check.dmn", BudgetTable.stream())
        .deploy();
  }

  @AfterAll
  static void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  private DmnDecisionResult evaluate(BudgetTable.Inputs inputs) {
    return engine.getDecisionService().evaluateDecisionByKey(BudgetTable.DECISION)
        .variables(inputs.variables())
        .evaluate();
  }

  @Test
  void theFileIsValidDmnWithADiagramForTheModeler() {
    DmnModelInstance model = Dmn.readModelFromStream(BudgetTable.stream());
    Dmn.validateModel(model);

    Decision decision = model.getModelElementById(BudgetTable.DECISION);
    assertThat(decision.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
    assertThat(model.getDefinitions().getAttributeValueNs(
        "http://camunda.org/schema/modeler/1.0", "executionPlatform"))
        .isEqualTo("Camunda Platform");
    assertThat(BudgetTable.xml())
        .contains("<dmndi:DMNShape id=\"baton-budget-check-shape\" "
            + "dmnElementRef=\"baton-budget-check\">");
  }

  @Test
  void deploysWithItsHistoryTimeToLive() {
    DecisionDefinition definition = engine.getRepositoryService()
        .createDecisionDefinitionQuery().decisionDefinitionKey(BudgetTable.DECISION)
        .latestVersion().singleResult();

    assertThat(definition).isNotNull();
    assertThat(definition.getName()).isEqualTo("Budget check");
    assertThat(definition.getHistoryTimeToLive()).isEqualTo(30);
  }

  @Test
  void evaluatesByKeyThroughTheDecisionService() {
    DmnDecisionResult deny = evaluate(BudgetTable.inputs().run(4.98, 5.0, 0.40));
    assertThat(deny.getSingleResult().<String>getEntry("decision")).isEqualTo("DENY");
    assertThat(deny.getSingleResult().<String>getEntry("reason"))
        .isEqualTo("run budget exceeded: run spent $4.98 of $5.00, next task estimated $0.40");

    DmnDecisionResult approval = evaluate(BudgetTable.inputs().estimate(0.40)
        .tenantMonthly(999.9, 1000.0).overrideByApproval(true));
    assertThat(approval.getSingleResult().<String>getEntry("decision"))
        .isEqualTo("REQUIRE_APPROVAL");

    DmnDecisionResult alert = evaluate(BudgetTable.inputs().run(4.0, 5.0, 0.25));
    assertThat(alert.getSingleResult().<String>getEntry("reason"))
        .isEqualTo("run at 85% of its $5.00 budget (alert at 80%)");
  }

  @Test
  void withoutAnyBudgetVariablesItAllows() {
    DmnDecisionResult result = engine.getDecisionService()
        .evaluateDecisionByKey(BudgetTable.DECISION)
        .variables(Variables.createVariables().putValue("baton_spent_usd", 0.0))
        .evaluate();

    assertThat(result.getSingleResult().<String>getEntry("decision")).isEqualTo("ALLOW");
  }
}
