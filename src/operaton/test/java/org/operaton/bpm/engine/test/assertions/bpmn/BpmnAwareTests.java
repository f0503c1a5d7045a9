package org.operaton.bpm.engine.test.assertions.bpmn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.externaltask.ExternalTask;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.runtime.ActivityInstance;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.runtime.TransitionInstance;
import org.operaton.bpm.engine.task.Task;

/**
 * The part of operaton-bpm-assert that Baton's process tests use, for the Operaton build only
 * (docs/operaton.md): Operaton 1.0.3 publishes no operaton-bpm-assert on Maven Central. Same
 * names and the same checks as the library (ProcessInstanceAssert of operaton-bpm-assert
 * 1.0.3: waiting = the activity-instance tree including transition instances; passed = the
 * finished historic activity instances), so the tests compile and mean the same on both
 * engines. Copied into target/operaton by the operaton profile; never on Camunda's path.
 */
public class BpmnAwareTests extends Assertions {

  private static ProcessEngine engine;

  protected BpmnAwareTests() {}

  public static void init(ProcessEngine processEngine) {
    engine = processEngine;
  }

  public static HistoryService historyService() {
    return engine().getHistoryService();
  }

  public static ProcessInstanceAssert assertThat(ProcessInstance actual) {
    return new ProcessInstanceAssert(actual);
  }

  private static ProcessEngine engine() {
    if (engine == null) {
      throw new IllegalStateException("call BpmnAwareTests.init(engine) first");
    }
    return engine;
  }

  /** Assertions on a process instance, read from the engine at the time of each check. */
  public static final class ProcessInstanceAssert
      extends AbstractAssert<ProcessInstanceAssert, ProcessInstance> {

    ProcessInstanceAssert(ProcessInstance actual) {
      super(actual, ProcessInstanceAssert.class);
    }

    public ProcessInstanceAssert isWaitingAt(String... activityIds) {
      waitingAt().as("%s waiting at", actual.getId()).contains(activityIds);
      return this;
    }

    public ProcessInstanceAssert isWaitingAtExactly(String... activityIds) {
      waitingAt().as("%s waiting at exactly", actual.getId()).containsOnly(activityIds);
      return this;
    }

    public ProcessInstanceAssert hasPassed(String... activityIds) {
      passed().as("%s passed", actual.getId()).contains(activityIds);
      return this;
    }

    /** Passed each at least once, and in this order (later passes may come in between). */
    public ProcessInstanceAssert hasPassedInOrder(String... activityIds) {
      hasPassed(activityIds);
      List<String> remaining = finished();
      for (String id : activityIds) {
        Assertions.assertThat(remaining).as("%s passed %s in order %s", actual.getId(),
            finished(), List.of(activityIds)).contains(id);
        remaining = remaining.subList(remaining.indexOf(id) + 1, remaining.size());
      }
      return this;
    }

    public ProcessInstanceAssert hasNotPassed(String... activityIds) {
      passed().as("%s passed", actual.getId()).doesNotContain(activityIds);
      return this;
    }

    public ProcessInstanceAssert isEnded() {
      isNotNull();
      Assertions.assertThat(current()).as("%s still running", actual.getId()).isNull();
      Assertions.assertThat(engine().getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(actual.getId()).singleResult())
          .as("%s in history", actual.getId()).isNotNull();
      return this;
    }

    public ProcessInstanceAssert isNotEnded() {
      Assertions.assertThat(current()).as("%s running", actual.getId()).isNotNull();
      return this;
    }

    public ProcessInstanceAssert isStarted() {
      Object instance = current();
      if (instance == null) {
        instance = engine().getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceId(actual.getId()).singleResult();
      }
      Assertions.assertThat(instance).as("%s started", actual.getId()).isNotNull();
      return this;
    }

    public TaskAssert task(String taskDefinitionKey) {
      return new TaskAssert(engine().getTaskService().createTaskQuery()
          .processInstanceId(actual.getId()).taskDefinitionKey(taskDefinitionKey).singleResult());
    }

    public JobAssert job(String activityId) {
      return new JobAssert(engine().getManagementService().createJobQuery()
          .processInstanceId(actual.getId()).activityId(activityId).singleResult());
    }

    public ExternalTaskAssert externalTask(String activityId) {
      return new ExternalTaskAssert(engine().getExternalTaskService().createExternalTaskQuery()
          .processInstanceId(actual.getId()).activityId(activityId).singleResult());
    }

    private ProcessInstance current() {
      isNotNull();
      return engine().getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(actual.getId()).singleResult();
    }

    private org.assertj.core.api.ListAssert<String> waitingAt() {
      Assertions.assertThat(current()).as("%s running", actual.getId()).isNotNull();
      ActivityInstance root = engine().getRuntimeService().getActivityInstance(actual.getId());
      List<String> ids = descendants(root)
          .flatMap(a -> Stream.concat(Stream.of(a.getActivityId()),
              Arrays.stream(a.getChildTransitionInstances())
                  .map(TransitionInstance::getActivityId)))
          .filter(id -> !id.equals(root.getActivityId()))
          .toList();
      return Assertions.assertThat(ids);
    }

    private static Stream<ActivityInstance> descendants(ActivityInstance root) {
      return Stream.concat(Stream.of(root),
          Arrays.stream(root.getChildActivityInstances()).flatMap(ProcessInstanceAssert::descendants));
    }

    private org.assertj.core.api.ListAssert<String> passed() {
      return Assertions.assertThat(finished());
    }

    private List<String> finished() {
      isNotNull();
      List<String> finished = new ArrayList<>();
      for (HistoricActivityInstance a : engine().getHistoryService()
          .createHistoricActivityInstanceQuery().processInstanceId(actual.getId()).finished()
          .orderByHistoricActivityInstanceEndTime().asc().orderPartiallyByOccurrence().asc()
          .list()) {
        finished.add(a.getActivityId());
      }
      return finished;
    }
  }

  /** Assertions on a user task of the instance (null when there is none). */
  public static final class TaskAssert extends AbstractAssert<TaskAssert, Task> {

    TaskAssert(Task actual) {
      super(actual, TaskAssert.class);
    }

    public TaskAssert hasName(String name) {
      isNotNull();
      Assertions.assertThat(actual.getName()).as("name of task %s", actual.getId())
          .isEqualTo(name);
      return this;
    }

    /** Unassigned and offered to the group, as the library's hasCandidateGroup checks. */
    public TaskAssert hasCandidateGroup(String group) {
      isNotNull();
      Assertions.assertThat(actual.getAssignee()).as("assignee of task %s", actual.getId())
          .isNull();
      Assertions.assertThat(engine().getTaskService().createTaskQuery().taskId(actual.getId())
          .taskCandidateGroup(group).singleResult())
          .as("task %s offered to group %s", actual.getId(), group).isNotNull();
      return this;
    }
  }

  /** Assertions on a job of the instance (null when there is none). */
  public static final class JobAssert extends AbstractAssert<JobAssert, Job> {

    JobAssert(Job actual) {
      super(actual, JobAssert.class);
    }
  }

  /** Assertions on an external task of the instance (null when there is none). */
  public static final class ExternalTaskAssert
      extends AbstractAssert<ExternalTaskAssert, ExternalTask> {

    ExternalTaskAssert(ExternalTask actual) {
      super(actual, ExternalTaskAssert.class);
    }

    public ExternalTaskAssert hasTopicName(String topic) {
      isNotNull();
      Assertions.assertThat(actual.getTopicName()).as("topic of external task %s", actual.getId())
          .isEqualTo(topic);
      return this;
    }
  }
}
