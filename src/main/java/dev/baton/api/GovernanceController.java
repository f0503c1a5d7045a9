package dev.baton.api;

import dev.baton.governance.GovernanceProperties;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The governance rules in effect, for authors who want to know before they deploy. */
@RestController
@RequestMapping("/api/governance")
class GovernanceController {

  private final GovernanceProperties governance;
  private final dev.baton.BatonProperties baton;

  GovernanceController(GovernanceProperties governance, dev.baton.BatonProperties baton) {
    this.governance = governance;
    this.baton = baton;
  }

  /**
   * The rules and where they came from.
   *
   * @param source the policy file, or null when no file was read (the settings' defaults)
   */
  record Policy(String source, String name, List<String> allowedAgentTypes,
      List<String> requireHumanGates, String humanGateRole, double humanGateTimeoutHours,
      Long runSlaMs, Integer maxConcurrentRuns, List<String> piiDomains,
      String budgetEnforcement, java.math.BigDecimal defaultBudgetPerRunUsd,
      int alertAtPercent, int maxRetries, String historyTimeToLive) {}

  @GetMapping("/policy")
  Policy policy() {
    return new Policy(governance.source(), governance.name(), governance.allowedAgentTypes(),
        governance.requireHumanGates(), governance.humanGateRole(),
        governance.humanGateTimeoutHours(), governance.runSlaMs(),
        governance.maxConcurrentRuns(), governance.piiDomains(),
        baton.budget().hardCap() ? "hard_cap" : "soft_cap",
        baton.budget().defaultPerRunUsd(), baton.budget().alertThresholdPercent(),
        baton.worker().retries(), baton.compiler().historyTimeToLive());
  }
}
