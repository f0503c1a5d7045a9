package dev.baton.approval;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * A human task's due date from the interrupting timer on it (the request's timeout), read from
 * the deployed BPMN so that Tasklist sorts and filters ("Due today") by when the task times out.
 */
final class TimerDue {

  private TimerDue() {}

  /** When the first interrupting duration timer on the task fires, counted from {@code now}. */
  static Optional<Date> of(DelegateTask task, Date now) {
    UserTask element = task.getBpmnModelElementInstance();
    if (element == null) {
      return Optional.empty();
    }
    return element.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .filter(b -> b.getAttachedTo() == element && b.cancelActivity())
        .flatMap(b -> b.getEventDefinitions().stream())
        .filter(TimerEventDefinition.class::isInstance)
        .map(d -> ((TimerEventDefinition) d).getTimeDuration())
        .filter(d -> d != null && d.getTextContent() != null)
        .map(TimeDuration::getTextContent)
        .flatMap(text -> parse(text.strip()).stream())
        .findFirst()
        .map(d -> new Date(now.getTime() + d.toMillis()));
  }

  private static Optional<Duration> parse(String iso) {
    try {
      return Optional.of(Duration.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // an expression or a period with days in months: no due date
    }
  }
}
