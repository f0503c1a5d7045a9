package org.camunda.bpm.engine.impl.cmd;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * Baton's one window into the protected fields of Camunda's commands, for its engine guards
 * (dev.baton.approval.GateCommandGuard): which task a task command acts on, which variables it
 * writes, which job a job command touches, where an instantiation starts. It lives in
 * Camunda's package so that the protected fields are read directly, checked by the compiler
 * against the Camunda version Baton is built with: a field renamed in an upgrade breaks the
 * build, not the guard. The two commands whose job id is private are read by reflection; if
 * that ever fails, the id is reported unknown and the guard refuses (fails closed).
 * BatonCommandFieldsTest builds each command and checks what is read.
 */
public final class BatonCommandFields {

  private BatonCommandFields() {}

  /** The task a task command acts on, or null when the command is not one of these. */
  public static String taskId(Command<?> command) {
    if (command instanceof CompleteTaskCmd c) {
      return c.taskId; // also ResolveTaskCmd
    }
    if (command instanceof SubmitTaskFormCmd c) {
      return c.taskId;
    }
    if (command instanceof SetTaskVariablesCmd c) {
      return c.entityId;
    }
    if (command instanceof PatchTaskVariablesCmd c) {
      return c.entityId;
    }
    if (command instanceof RemoveTaskVariablesCmd c) {
      return c.entityId;
    }
    if (command instanceof HandleTaskBpmnErrorCmd c) {
      return c.taskId;
    }
    if (command instanceof HandleTaskEscalationCmd c) {
      return c.taskId;
    }
    if (command instanceof AbstractAddIdentityLinkCmd c) {
      return c.taskId;
    }
    if (command instanceof DeleteIdentityLinkCmd c) {
      return c.taskId;
    }
    return null;
  }

  /** Whether the command completes the task (complete or submit the form; not resolve). */
  public static boolean completes(Command<?> command) {
    return (command instanceof CompleteTaskCmd && !(command instanceof ResolveTaskCmd))
        || command instanceof SubmitTaskFormCmd;
  }

  /** Whether the command ends the task by a BPMN error or escalation instead of a decision. */
  public static boolean throwsFromTask(Command<?> command) {
    return command instanceof HandleTaskBpmnErrorCmd
        || command instanceof HandleTaskEscalationCmd;
  }

  /** The identity-link type a link command adds or deletes, or null for other commands. */
  public static String identityLinkType(Command<?> command) {
    if (command instanceof AbstractAddIdentityLinkCmd c) {
      return c.type;
    }
    if (command instanceof DeleteIdentityLinkCmd c) {
      return c.type;
    }
    return null;
  }

  /** The values a command submits with a task's completion (empty for none). */
  public static Map<String, Object> submitted(Command<?> command) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (command instanceof CompleteTaskCmd c && c.variables != null) {
      values.putAll(c.variables);
    } else if (command instanceof SubmitTaskFormCmd c && c.properties != null) {
      values.putAll(c.properties);
    }
    return values;
  }

  /** The names of the variables a task command sets or removes (empty for none). */
  public static Set<String> variableNames(Command<?> command) {
    Set<String> names = new LinkedHashSet<>();
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      names.addAll(submitted(command).keySet());
    } else if (command instanceof SetTaskVariablesCmd c && c.variables != null) {
      names.addAll(c.variables.keySet());
    } else if (command instanceof PatchTaskVariablesCmd c) {
      if (c.variables != null) {
        names.addAll(c.variables.keySet());
      }
      if (c.deletions != null) {
        names.addAll(c.deletions);
      }
    } else if (command instanceof RemoveTaskVariablesCmd c && c.variableNames != null) {
      names.addAll(c.variableNames);
    } else if (command instanceof HandleTaskBpmnErrorCmd c && c.variables != null) {
      names.addAll(c.variables.keySet());
    } else if (command instanceof HandleTaskEscalationCmd c && c.variables != null) {
      names.addAll(c.variables.keySet());
    }
    return names;
  }

  /** Whether the command acts on a job that a user names (not the job executor's work). */
  public static boolean isJobCommand(Command<?> command) {
    return command instanceof ExecuteJobsCmd || command instanceof SetJobDuedateCmd
        || command instanceof RecalculateJobDuedateCmd || command instanceof DeleteJobCmd;
  }

  /** The job a job command acts on; null when it cannot be read (the guard then refuses). */
  public static String jobId(Command<?> command) {
    if (command instanceof ExecuteJobsCmd c) {
      return c.jobId;
    }
    if (command instanceof DeleteJobCmd c) {
      return c.jobId;
    }
    if (command instanceof SetJobDuedateCmd || command instanceof RecalculateJobDuedateCmd) {
      return privateJobId(command);
    }
    return null;
  }

  /** The instantiation behind a start at chosen activities (a restart is one). */
  public static ProcessInstantiationBuilderImpl instantiation(
      StartProcessInstanceAtActivitiesCmd command) {
    return command.instantiationBuilder;
  }

  /** The run a single-instance modification acts on, or null. */
  public static String modifiedInstance(Command<?> command) {
    if (command instanceof ModifyProcessInstanceCmd c && c.builder != null) {
      return c.builder.getProcessInstanceId();
    }
    if (command instanceof ModifyProcessInstanceAsyncCmd c && c.builder != null) {
      return c.builder.getProcessInstanceId();
    }
    return null;
  }

  /** The activity a start-before instruction starts, or null for any other instruction. */
  public static String startBeforeActivity(AbstractProcessInstanceModificationCommand op) {
    return op instanceof ActivityBeforeInstantiationCmd before
        ? before.getTargetElementId() : null;
  }

  /** How Camunda describes an instruction, for messages. */
  public static String describe(AbstractProcessInstanceModificationCommand op) {
    return op.describe();
  }

  private static String privateJobId(Command<?> command) {
    try {
      Field field = command.getClass().getDeclaredField("jobId");
      field.setAccessible(true);
      return (String) field.get(command);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
