package dev.baton.health;

import dev.baton.contract.BpmnConventions;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code budgetTable}: whether the budget decision table every agent task is checked against
 * is deployed (without it every run stops at its first agent task), and which version.
 */
@Component("budgetTable")
class BudgetTableHealth implements HealthIndicator {

  static final String KEY = BpmnConventions.BUDGET_DECISION;

  private final RepositoryService repository;

  BudgetTableHealth(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public Health health() {
    DecisionDefinition table = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(KEY).withoutTenantId().latestVersion().singleResult();
    if (table == null) {
      return Health.down().withDetail("reason", "the decision table '" + KEY + "' is not "
          + "deployed: every agent task would stop at its budget check").build();
    }
    return Health.up().withDetail("decision", KEY).withDetail("version", table.getVersion())
        .withDetail("deployment_id", table.getDeploymentId()).build();
  }
}
