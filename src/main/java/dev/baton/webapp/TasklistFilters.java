package dev.baton.webapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters approvers start from, shared with everyone who may read filters (the
 * approver role): their approval gates, budget overrides, and what is due today. Each shows
 * only tasks the person is a candidate of or assigned to; Camunda's task authorizations and
 * tenant check apply on top. Created once by name (several engine nodes may try at once), never
 * changed afterwards: an administrator may edit them in Tasklist.
 */
@Component
class TasklistFilters {

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  /** Baton's own filter expressions (Camunda evaluates these; no user text is in them). */
  private static final String ME = "${currentUser()}";
  private static final String END_OF_TODAY = "${dateTime().plusDays(1).withTimeAtStartOfDay()}";

  record Definition(String name, String description, int priority, String color,
      TaskQuery query) {}

  private final FilterService filters;
  private final TaskService tasks;

  TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  List<Definition> definitions() {
    return List.of(
        new Definition("My approval gates", "Gates and budget overrides I may decide", -10,
            "#1f3b57", mine()),
        new Definition("Budget overrides", "Runs waiting for a budget raise I may decide", -9,
            "#e0a526", mine().taskDefinitionKeyLike("%__override")),
        new Definition("Due today", "What I may decide that is due before midnight", -8,
            "#b5332e", mine().dueBeforeExpression(END_OF_TODAY)));
  }

  private TaskQuery mine() {
    return tasks.createTaskQuery().taskCandidateUserExpression(ME).includeAssignedTasks()
        .orderByDueDate().asc();
  }

  @EventListener
  public void create(ApplicationStartedEvent event) {
    for (Definition definition : definitions()) {
      try {
        createIfMissing(definition);
      } catch (ProcessEngineException e) {
        // another engine node created it a moment ago
        createIfMissing(definition);
      }
    }
  }

  private void createIfMissing(Definition definition) {
    if (filters.createTaskFilterQuery().filterName(definition.name()).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", definition.description());
    properties.put("priority", definition.priority());
    properties.put("color", definition.color());
    properties.put("refresh", true);
    Filter filter = filters.newTaskFilter(definition.name()).setQuery(definition.query())
        .setProperties(properties);
    filters.saveFilter(filter);
    log.info("Tasklist filter '{}' created", definition.name());
  }
}
