package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's listeners and engine guards with Camunda authorization on, even for custom code
 * ({@code authorizationEnabledForCustomCode}; by default Camunda runs listeners without
 * checks): an approver allowed to work tasks and update runs (and nothing else) decides, and
 * Baton's own reads inside the engine (the candidates' groups, who started the run, the next
 * task's review) are made as the engine, not as that approver, so they neither fail nor come
 * back filtered by the approver's rights.
 */
class GatesUnderAuthorizationProcessTest extends ProcessTestSupport {

  private final List<String> granted = new ArrayList<>();

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) baton.engine().getProcessEngineConfiguration();
  }

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(new Date(1_800_000_000_000L));
  }

  @AfterEach
  void authorizationOff() {
    configuration().setAuthorizationEnabled(false);
    configuration().setAuthorizationEnabledForCustomCode(false);
    granted.forEach(baton.engine().getAuthorizationService()::deleteAuthorization);
  }

  /** The approvers may work tasks, and read and update the runs they belong to: no more. */
  private void grantTaskWorkTo(String group) {
    AuthorizationService authorizations = baton.engine().getAuthorizationService();
    for (var resource : List.of(Resources.TASK, Resources.PROCESS_INSTANCE)) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId("*");
      grant.addPermission(Permissions.READ);
      grant.addPermission(Permissions.UPDATE);
      granted.add(authorizations.saveAuthorization(grant).getId());
    }
  }

  @Test
  void approversWithTaskRightsOnlyDecideAndTheGuardsStillHold() {
    String key = baton.deploy(ProcessTestEngine.testSpec("gate-policies"));
    ProcessInstance[] started = new ProcessInstance[1];
    baton.as("alice", () -> started[0] = baton.start(key, "{\"task\":\"release\"}"));
    ProcessInstance run = started[0];
    baton.completeAgent(run, "plan", "{\"steps\":[\"build\"]}");
    grantTaskWorkTo("product-owner");
    configuration().setAuthorizationEnabled(true);
    configuration().setAuthorizationEnabledForCustomCode(true);

    // the first approval opens the gate again: its review is prepared inside carol's command
    baton.approve(run, "review", "carol", "looks right");
    assertThat(run).isWaitingAtExactly("review");
    assertThat(baton.variable(run, "review__outcome")).isEqualTo("pending");
    // the two-person rule knows who started the run, whatever alice may read
    assertThatThrownBy(() -> baton.approve(run, "review", "alice", "mine"))
        .hasMessageContaining("alice started this run");
    // the guards refuse with their own reason
    assertThatThrownBy(() -> baton.as("bob", () -> baton.runtime()
        .createProcessInstanceModification(run.getId()).startBeforeActivity("ship")
        .execute())).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("only administrators may modify");

    baton.approve(run, "review", "bob", "second pair of eyes");
    assertThat(run).isWaitingAtExactly("ship");
    assertThat(baton.gateDecisions().approvers(run.getId(), "review"))
        .containsExactly("carol", "bob");
  }
}
