package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** Which engine failures of a report are a sibling's concurrent change, worth trying again. */
class ConcurrentChangeTest {

  @Test
  void optimisticLockingAndAParentDeletedMeanwhileAreConcurrentChanges() {
    assertThat(TaskOutcomes.isConcurrentChange(
        new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ...' failed"))).isTrue();
    assertThat(TaskOutcomes.isConcurrentChange(new ProcessEngineException(
        "ENGINE-03077 Cannot resolve parent with id 'a' of execution 'b', perhaps it was "
            + "deleted in the meantime"))).isTrue();
  }

  @Test
  void aTaskThatIsGoneOrAnyOtherFailureIsNot() {
    assertThat(TaskOutcomes.isConcurrentChange(new BadUserRequestException(
        "ENGINE-03077 looks alike, but the task is gone"))).isFalse();
    assertThat(TaskOutcomes.isConcurrentChange(new ProcessEngineException(
        "ENGINE-13033 External task x is locked by another worker"))).isFalse();
    assertThat(TaskOutcomes.isConcurrentChange(new ProcessEngineException((String) null)))
        .isFalse();
  }
}
