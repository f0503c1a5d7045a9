package dev.baton.governance;

import java.util.List;

/**
 * What a spec is checked against at deploy: pure data, so the offline command line and the
 * platform check alike.
 *
 * @param where the file (or setting) the rules came from, named in every refusal
 */
public record GovernancePolicy(List<String> allowedAgentTypes, List<String> requireHumanGates,
    String humanGateRole, double humanGateTimeoutHours, Long runSlaMs, String where) {

  /** No rules: what a platform without a policy file checks. */
  public static final GovernancePolicy NONE =
      new GovernancePolicy(List.of(), List.of(), "baton-approver", 24, null, "no policy");

  public GovernancePolicy {
    allowedAgentTypes = allowedAgentTypes == null ? List.of() : List.copyOf(allowedAgentTypes);
    requireHumanGates = requireHumanGates == null ? List.of() : List.copyOf(requireHumanGates);
  }

  public boolean allows(String agentType) {
    return allowedAgentTypes.isEmpty() || allowedAgentTypes.contains(agentType);
  }
}
