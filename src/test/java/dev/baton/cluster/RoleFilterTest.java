package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** What a worker-only process leaves out: anything that needs an engine, directly or not. */
class RoleFilterTest {

  @Test
  void engineSideComponentsAreLeftOut() throws Exception {
    for (String name : new String[] {"dev.baton.run.RunService", "dev.baton.budget.BudgetGuard",
        "dev.baton.api.ProblemHandler", "dev.baton.workflow.WorkflowService",
        "dev.baton.approval.ApprovalService", "dev.baton.identity.DemoIdentities",
        "dev.baton.notify.Notifier",
        "dev.baton.agent.AgentTaskCreatedListener", "dev.baton.agent.EngineTasksConfiguration",
        "dev.baton.cluster.NodeId"}) {
      assertThat(RoleFilter.needsEngine(Class.forName(name), new HashSet<>())).as(name)
          .isTrue();
    }
  }

  @Test
  void theWorkerAndWhatItUsesStay() throws Exception {
    for (String name : new String[] {"dev.baton.agent.AgentWorker",
        "dev.baton.agent.AgentTaskHandler", "dev.baton.agent.AgentExecution",
        "dev.baton.agent.TaskOutcomes", "dev.baton.budget.CostRecorder",
        "dev.baton.budget.CallBudget", "dev.baton.agent.ReplyJournal",
        "dev.baton.cluster.RemoteWorkerConfiguration"}) {
      assertThat(RoleFilter.needsEngine(Class.forName(name), new HashSet<>())).as(name)
          .isFalse();
    }
  }
}
