package dev.baton.governance;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The governance rules in effect ({@code baton.governance.*}): from the policy file
 * ({@link PolicyEnvironment}) or set directly.
 *
 * @param policyFile the policy file read at start-up (default {@value
 *     PolicyFile#DEFAULT_LOCATION}; missing: no policy)
 * @param source the file the rules came from, as read; null when there was none
 * @param name the policy's name (its top key in the file)
 * @param allowedAgentTypes agent types a spec and the registry may use; empty: any
 * @param requireHumanGates node tags ({@code config.tags}) that need a human gate before them
 * @param humanGateRole who decides the gates the policy adds
 * @param humanGateTimeoutHours when such a gate times out (and denies)
 * @param runSlaMs the longest run SLA a spec may set, and the SLA of a spec that sets none
 * @param maxConcurrentRuns runs in flight at once, over every engine node; null: no limit
 * @param piiDomains data domains the policy names as personal or secret (docs/privacy.md)
 */
@ConfigurationProperties("baton.governance")
public record GovernanceProperties(
    @DefaultValue(PolicyFile.DEFAULT_LOCATION) Path policyFile,
    String source,
    String name,
    @DefaultValue List<String> allowedAgentTypes,
    @DefaultValue List<String> requireHumanGates,
    @DefaultValue("baton-approver") String humanGateRole,
    @DefaultValue("24") double humanGateTimeoutHours,
    Long runSlaMs,
    Integer maxConcurrentRuns,
    @DefaultValue List<String> piiDomains) {

  /** The rules that deploy checks apply. */
  public GovernancePolicy policy() {
    return new GovernancePolicy(allowedAgentTypes, requireHumanGates, humanGateRole,
        humanGateTimeoutHours, runSlaMs, source == null ? "baton.governance.*" : source);
  }
}
