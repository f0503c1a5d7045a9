/**
 * Governance policy: seed 000's {@code governance/policy.yml}, read strictly at start-up and laid
 * over Baton's settings ({@link dev.baton.governance.PolicyEnvironment}), then enforced where a
 * rule can be broken: at deploy (allowed agent types, run SLA, human gates injected before
 * tagged nodes: {@link dev.baton.governance.PolicyChecks}), when registering agents, and by the
 * engine when a run starts (concurrent runs: {@link dev.baton.governance.RunLimit}).
 */
@EngineSide
package dev.baton.governance;

import dev.baton.EngineSide;
