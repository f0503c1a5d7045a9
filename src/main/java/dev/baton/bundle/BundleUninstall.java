package dev.baton.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.problem.ConflictException;
import dev.baton.registry.AgentProfile;
import dev.baton.registry.AgentRequest;
import dev.baton.registry.AgentService;
import dev.baton.security.BatonRole;
import dev.baton.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes an installed bundle out of service: its state becomes {@code uninstalled} and its agent
 * is disabled, in one transaction. Nothing is deleted. The agent stays, so that runs, history,
 * the cost ledger and the audit log keep naming it, and a node matched to it stops with an
 * incident that says so rather than running something else. The prompt templates stay too,
 * because deployed workflow versions name them. Installing the bundle again (a new submission,
 * approved) enables the agent again.
 */
@Service
public class BundleUninstall {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BundleService bundles;
  private final BundleStore store;
  private final AgentService agents;
  private final AgentUsage usage;
  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();

  BundleUninstall(BundleService bundles, BundleStore store, AgentService agents,
      AgentUsage usage, AuditLog audit) {
    this.bundles = bundles;
    this.store = store;
    this.agents = agents;
    this.usage = usage;
    this.audit = audit;
  }

  /** A workflow's latest version and its nodes matched to the uninstalled agent. */
  public record WorkflowUse(String workflowId, int version, List<String> nodes) {}

  /**
   * What an uninstall did.
   *
   * @param agent the agent disabled, or null when the bundle's agent was gone already
   * @param workflowsAffected the tenant's workflows whose latest version has a node matched to
   *     that agent: their runs stop at that node until they are deployed again
   */
  public record Uninstalled(BundleRecord bundle, String agent,
      List<WorkflowUse> workflowsAffected) {}

  @Transactional
  public Uninstalled uninstall(Caller caller, String id, String reason) {
    caller.require(BatonRole.OPERATOR);
    BundleRecord bundle = bundles.get(caller, id);
    if (!BundleRecord.INSTALLED.equals(bundle.state())) {
      throw new ConflictException("bundle " + bundle.id() + " is " + bundle.state()
          + "; only an installed bundle can be uninstalled"
          + (BundleRecord.SUPERSEDED.equals(bundle.state())
              ? " (a newer version of '" + bundle.name() + "' replaced it: GET /api/bundles "
                  + "lists it)" : ""));
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why != null && why.length() > 2000) {
      why = why.substring(0, 2000);
    }
    if (!store.uninstall(bundle.id(), caller.userId(), clock.instant(), why)) {
      throw new ConflictException("bundle " + bundle.id() + " was uninstalled meanwhile");
    }
    Optional<AgentProfile> agent = installedAgent(caller, bundle);
    agent.filter(AgentProfile::enabled).ifPresent(a -> agents.update(caller, a.slug(),
        new AgentRequest(a.slug(), a.title(), a.type(), a.capabilities(), a.config(), false,
            a.tenantId())));
    List<WorkflowUse> affected = agent
        .map(a -> usage.latestVersionsUsing(a.slug(), bundle.tenantId())).orElse(List.of());
    ObjectNode details = JSON.createObjectNode().put("name", bundle.name())
        .put("version", bundle.version())
        .put("agent", agent.map(AgentProfile::slug).orElse(null))
        .put("workflows_affected", affected.size());
    if (why != null) {
      details.put("reason", why);
    }
    audit.append(new AuditEvent("bundle.uninstalled", null, bundle.tenantId(), "bundle",
        String.valueOf(bundle.id()), null, details));
    return new Uninstalled(bundles.get(caller, id), agent.map(AgentProfile::slug).orElse(null),
        affected);
  }

  /** The agent this bundle installed: its slug, in its tenant, marked as from this bundle. */
  private Optional<AgentProfile> installedAgent(Caller caller, BundleRecord bundle) {
    return agents.list(caller).stream()
        .filter(a -> a.slug().equals(bundle.name()))
        .filter(a -> BundleService.fromThisBundle(a, bundle.name(), bundle.tenantId()))
        .findFirst();
  }
}
