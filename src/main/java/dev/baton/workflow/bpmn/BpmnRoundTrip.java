package dev.baton.workflow.bpmn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.contract.SpecSource;
import dev.baton.problem.ConflictException;
import dev.baton.problem.UnprocessableException;
import dev.baton.security.Caller;
import dev.baton.workflow.DeploymentResult;
import dev.baton.workflow.WorkflowService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploys a BPMN an analyst edited: finds the spec it was compiled from, derives the new spec
 * from the edits, and deploys that spec (same checks, same compiler) with the analyst's layout
 * laid over the compiled diagram. The rule of which wins: the BPMN's base must be the
 * workflow's latest version, else nothing is deployed (409); its edits win over the base spec
 * field by field, only where the analyst changed something.
 */
@Service
public class BpmnRoundTrip {

  private final WorkflowService workflows;
  private final ObjectMapper json;
  private final AuditLog audit;

  BpmnRoundTrip(WorkflowService workflows, ObjectMapper json, AuditLog audit) {
    this.workflows = workflows;
    this.json = json;
    this.audit = audit;
  }

  /** What deploying an edited BPMN did: the deployment, and what became of each edit. */
  public record Imported(DeploymentResult deployment, EditReport edits) {}

  /**
   * Derives, checks and deploys in one transaction, so that a deployment of the same workflow
   * by someone else in between is noticed and this one rolled back (409).
   *
   * @param requestedTenant the tenant named by the caller, or null for their only one
   * @throws ConflictException when the workflow changed since the BPMN was downloaded
   * @throws UnprocessableException listing every edit Baton cannot deploy
   */
  @Transactional
  public Imported deploy(Caller caller, String xml, String requestedTenant) {
    BpmnDocument edited = BpmnDocument.read(xml);
    String slug = edited.processId();
    WorkflowService.Target target = workflows.target(caller, slug, requestedTenant);
    workflows.checkTarget(target);
    String sourceText = Xml.property(edited.process(), SpecSource.PROPERTY);
    SpecDerivation.Result derived;
    Integer baseVersion = null;
    List<Edit> applied = new ArrayList<>();
    if (sourceText == null) {
      List<WorkflowService.Version> versions = workflows.versions(target);
      if (!versions.isEmpty()) {
        // with no base to compare with, deploying would replace the workflow wholesale
        throw new ConflictException("workflow '" + slug + "' exists (version "
            + versions.get(0).version() + ") and this BPMN was not compiled by Baton (no "
            + SpecSource.PROPERTY + " property): it cannot replace it. Download the "
            + "workflow's BPMN and edit that, or give this process another id");
      }
      derived = SpecDerivation.handDrawn(edited);
    } else {
      SpecSource source = SpecSource.parse(sourceText).orElseThrow(() ->
          new UnprocessableException("the process's " + SpecSource.PROPERTY + " property is '"
              + sourceText + "', which Baton did not write; download the BPMN again"));
      if (!source.slug().equals(slug)) {
        throw new UnprocessableException("the BPMN was compiled for workflow '" + source.slug()
            + "' but its process id is '" + slug + "'; the process id is the slug: set it "
            + "back, or deploy a copy through its spec");
      }
      WorkflowService.Version base = base(target, source);
      baseVersion = base.version();
      BpmnDocument baseBpmn = BpmnDocument.trusted(base.bpmnXml().get());
      derived = SpecDerivation.fromBase(spec(base.specText()), baseBpmn, edited);
      List<String> moved = DiagramOverlay.moved(baseBpmn.model(), edited.model());
      if (!moved.isEmpty()) {
        applied.add(new Edit(null, "moved " + moved.size() + " shape(s): "
            + String.join(", ", moved.subList(0, Math.min(10, moved.size())))
            + (moved.size() > 10 ? " and " + (moved.size() - 10) + " more" : "")));
      }
    }
    applied.addAll(derived.applied());
    SpecDerivation.Result result = derived;
    DeploymentResult deployment = workflows.deployDerived(target, result.title(),
        result.version(), result.spec(),
        compiled -> DiagramOverlay.apply(compiled, edited.model(), renamed(result)));
    // the base was the latest version when it was checked; Camunda's deployment lock orders
    // deployments, so another one in between shows as a version gap: undo ours (rollback)
    int expected = baseVersion == null ? 1 : baseVersion + 1;
    if (deployment.changed() && deployment.workflow().deploymentVersion() != expected) {
      throw new ConflictException("workflow '" + slug + "' was deployed by someone else while "
          + "this BPMN was being deployed (it is now at version "
          + (deployment.workflow().deploymentVersion() - 1) + "); nothing was deployed. "
          + "Download the BPMN again and make the edits there");
    }
    EditReport report = new EditReport(baseVersion, applied, result.ignored());
    if (deployment.changed()) {
      audit.append(new AuditEvent("workflow.bpmn_imported", null, target.tenantId(),
          "workflow", slug, null, details(report, deployment)));
    }
    return new Imported(deployment, report);
  }

  /** What the audit log keeps of an import: versions and the edits, in words. */
  private ObjectNode details(EditReport report, DeploymentResult deployment) {
    ObjectNode details = json.createObjectNode();
    if (report.baseVersion() != null) {
      details.put("base_version", report.baseVersion());
    }
    details.put("version", deployment.workflow().deploymentVersion());
    ArrayNode applied = details.putArray("applied");
    report.applied().forEach(e -> applied.add(e.change()));
    ArrayNode ignored = details.putArray("ignored");
    report.ignored().forEach(e -> ignored.add(e.change()));
    return details;
  }

  /** New tasks whose node id differs from their element id. */
  private static java.util.Map<String, String> renamed(SpecDerivation.Result result) {
    java.util.Map<String, String> renamed = new java.util.HashMap<>(result.newNodes());
    renamed.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
    return renamed;
  }

  /**
   * The version the BPMN was compiled from; it must be the latest: an edit of an older version
   * would silently undo what was deployed since.
   */
  private WorkflowService.Version base(WorkflowService.Target target, SpecSource source) {
    List<WorkflowService.Version> versions = workflows.versions(target);
    if (versions.isEmpty()) {
      throw new ConflictException("workflow '" + target.slug() + "' is not deployed (any "
          + "more); its BPMN cannot be edited back. Deploy its spec, then download the BPMN");
    }
    WorkflowService.Version latest = versions.get(0);
    for (WorkflowService.Version v : versions) {
      if (v.specText() != null && SpecSource.of(target.slug(), v.specText()).equals(source)) {
        if (v != latest) {
          throw new ConflictException("the BPMN was edited from version " + v.version()
              + " of workflow '" + target.slug() + "'; the workflow is at version "
              + latest.version() + ". Download the BPMN again (GET /api/workflows/"
              + target.slug() + "/bpmn) and make the edits there: nothing was deployed");
        }
        return v;
      }
    }
    throw new ConflictException("the BPMN names a spec (" + source.text() + ") that workflow '"
        + target.slug() + "' was never deployed with; it is at version " + latest.version()
        + ". Download the BPMN again (GET /api/workflows/" + target.slug() + "/bpmn)");
  }

  private ObjectNode spec(String text) {
    try {
      JsonNode tree = json.readTree(text);
      return (ObjectNode) tree;
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("a deployed spec is not a JSON object", e);
    }
  }
}
