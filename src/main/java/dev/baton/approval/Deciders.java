package dev.baton.approval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Who may decide a gate or override task, checked on the task's completion whatever the entry
 * point: an authenticated user who is a candidate user, a member of a candidate group, or a
 * Camunda administrator. Being the task's assignee is not enough (anyone could claim it
 * through {@code /engine-rest}); the candidates are those the compiled BPMN and escalations
 * gave the task.
 */
final class Deciders {

  /** Camunda's administrators may decide any gate. */
  public static final String ADMIN_GROUP = "camunda-admin";

  private Deciders() {}

  /**
   * The user completing the task, when they may decide it.
   *
   * @throws GuardRefusal naming the candidates, when no one or someone else is completing it
   */
  public static String check(DelegateTask task) {
    var identity = task.getProcessEngineServices().getIdentityService();
    Authentication auth = identity.getCurrentAuthentication();
    String user = auth == null ? null : auth.getUserId();
    String runId = task.getProcessInstanceId();
    if (user == null) {
      throw new GuardRefusal("gate.decision_refused", null, task.getTaskDefinitionKey(), runId,
          "'" + task.getName() + "' is decided by a person: complete its task as an "
              + "authenticated user (Tasklist, /engine-rest with credentials, or the Baton API)");
    }
    Set<String> groups = groupsOf(identity, auth);
    if (groups.contains(ADMIN_GROUP)) {
      return user;
    }
    List<IdentityLink> candidates = EngineAccess.asEngine(() -> List.copyOf(
        task.getCandidates()));
    for (IdentityLink link : candidates) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (user.equals(link.getUserId()) || groups.contains(link.getGroupId()))) {
        return user;
      }
    }
    throw new GuardRefusal("gate.decision_refused", user, task.getTaskDefinitionKey(), runId,
        "user '" + user + "' may not decide '" + task.getName() + "': it needs a member of "
            + describe(candidates));
  }

  /** The groups of the authentication, and those the identity provider knows the user in. */
  private static Set<String> groupsOf(org.camunda.bpm.engine.IdentityService identity,
      Authentication auth) {
    Set<String> groups = new HashSet<>();
    if (auth.getGroupIds() != null) {
      groups.addAll(auth.getGroupIds());
    }
    EngineAccess.asEngine(() -> identity.createGroupQuery().groupMember(auth.getUserId()).list())
        .stream().map(Group::getId).forEach(groups::add);
    return groups;
  }

  static String describe(List<IdentityLink> links) {
    String named = links.stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(l -> l.getGroupId() != null ? "group '" + l.getGroupId() + "'"
            : "user '" + l.getUserId() + "'")
        .collect(Collectors.joining(" or "));
    return named.isEmpty() ? "group '" + ADMIN_GROUP + "'" : named + " (or an administrator)";
  }
}
