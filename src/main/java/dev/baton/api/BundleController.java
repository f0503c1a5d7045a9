package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.bundle.BundleRecord;
import dev.baton.bundle.BundleService;
import dev.baton.bundle.BundleTestRunner;
import dev.baton.bundle.BundleUninstall;
import dev.baton.registry.AgentProfile;
import dev.baton.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agent bundles: submit, list, read, approve, reject, test and uninstall them
 * (docs/bundles.md).
 */
@RestController
@RequestMapping("/api/bundles")
class BundleController {

  private final BundleService bundles;
  private final BundleUninstall uninstalls;

  BundleController(BundleService bundles, BundleUninstall uninstalls) {
    this.bundles = bundles;
    this.uninstalls = uninstalls;
  }

  record Summary(long id, String name, String version, String state, String tenantId,
      int errors, int warnings, String tests, String submittedBy, Instant submittedAt,
      String decidedBy, Instant decidedAt) {

    static Summary of(BundleRecord b) {
      return new Summary(b.id(), b.name(), b.version(), b.state(), b.tenantId(),
          b.scanReport().path("errors").size(), b.scanReport().path("warnings").size(),
          BundleController.tests(b.testReport()), b.submittedBy(), b.submittedAt(), b.decidedBy(),
          b.decidedAt());
    }
  }

  /** "3/3 passed", "1/3 passed", or "not run". */
  static String tests(JsonNode report) {
    if (report == null) {
      return "not run";
    }
    int passed = report.path("passed").asInt();
    return passed + "/" + (passed + report.path("failed").asInt()) + " passed";
  }

  record Detail(long id, String name, String version, String state, String tenantId,
      String sha256, JsonNode manifest, JsonNode scanReport, JsonNode testReport,
      String submittedBy, Instant submittedAt, String decidedBy, Instant decidedAt,
      String reason, String uninstalledBy, Instant uninstalledAt, String uninstallReason) {

    static Detail of(BundleRecord b) {
      return new Detail(b.id(), b.name(), b.version(), b.state(), b.tenantId(), b.sha256(),
          b.manifest(), b.scanReport(), b.testReport(), b.submittedBy(), b.submittedAt(),
          b.decidedBy(), b.decidedAt(), b.reason(), b.uninstalledBy(), b.uninstalledAt(),
          b.uninstallReason());
    }
  }

  /** @param reason the rejection's reason, or an approver's note */
  record Decision(String reason) {}

  record Uninstalled(Detail bundle, String agent, boolean agentDisabled,
      List<BundleUninstall.WorkflowUse> workflowsAffected) {}

  record Approved(Detail bundle, String agent, List<String> tools, List<String> prompts,
      JsonNode tests) {}

  @PostMapping(consumes = {"application/zip", "application/octet-stream"})
  @Operation(summary = "Submit an agent bundle", description = "The body is the bundle as a "
      + "zip (manifest.json, prompts/, tools.json, policies.json, tests/, docs/). It is scanned "
      + "and stored as pending in the caller's tenant until an operator other than the "
      + "submitter approves it.")
  @ApiResponse(responseCode = "201", description = "stored as pending, with its scan report")
  @ApiResponse(responseCode = "422", description = "the scan found errors; each names its file "
      + "and path")
  ResponseEntity<Detail> submit(@RequestBody(required = false) byte[] zip,
      @RequestParam(name = "tenant_id", required = false) String tenantId, Caller caller) {
    BundleRecord stored = bundles.submit(caller, zip, tenantId);
    return ResponseEntity.created(URI.create("/api/bundles/" + stored.id()))
        .body(Detail.of(stored));
  }

  @GetMapping
  @Operation(summary = "List agent bundles", description = "The bundles of the caller's "
      + "tenants, newest first.")
  List<Summary> list(Caller caller) {
    return bundles.list(caller).stream().map(Summary::of).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read an agent bundle", description = "Its manifest, state, scan "
      + "report, last test report, and who submitted and decided it.")
  @ApiResponse(responseCode = "404", description = "no such bundle in the caller's tenants")
  Detail get(@PathVariable String id, Caller caller) {
    return Detail.of(bundles.get(caller, id));
  }

  @PostMapping("/{id}/approve")
  @Operation(summary = "Approve and install a bundle", description = "By an operator who did "
      + "not submit it. Registers the agent in the bundle's tenant, grants its tools and "
      + "writes its prompts as templates <bundle>.<file>. Failing tests do not block approval; "
      + "the reply says how the last test run went.")
  @ApiResponse(responseCode = "403", description = "not an operator, or the submitter")
  @ApiResponse(responseCode = "409", description = "decided already, or a name is taken")
  @ApiResponse(responseCode = "422", description = "the bundle no longer passes its scan")
  Approved approve(@PathVariable String id, @RequestBody(required = false) Decision body,
      Caller caller) {
    BundleService.Installed installed = bundles.approve(caller, id,
        body == null ? null : body.reason());
    AgentProfile agent = installed.agent();
    return new Approved(Detail.of(installed.bundle()), agent.slug(),
        agent.tools().stream().map(AgentProfile.Grant::tool).toList(), installed.prompts(),
        installed.tests());
  }

  @PostMapping("/{id}/reject")
  @Operation(summary = "Reject a bundle", description = "By an operator who did not submit "
      + "it; the reason is kept with the bundle.")
  @ApiResponse(responseCode = "403", description = "not an operator, or the submitter")
  @ApiResponse(responseCode = "409", description = "decided already")
  Detail reject(@PathVariable String id, @RequestBody(required = false) Decision body,
      Caller caller) {
    return Detail.of(bundles.reject(caller, id, body == null ? null : body.reason()));
  }

  @PostMapping("/{id}/uninstall")
  @Operation(summary = "Uninstall a bundle", description = "By an operator. The bundle becomes "
      + "uninstalled and its agent is disabled; nothing is deleted (runs, history and the "
      + "ledger keep naming the agent; deployed workflows keep their prompts). The reply lists "
      + "the workflows whose latest version has nodes on that agent: their runs stop at those "
      + "nodes with an incident until they are deployed again. Approving the bundle anew "
      + "enables the agent again.")
  @ApiResponse(responseCode = "403", description = "not an operator")
  @ApiResponse(responseCode = "409", description = "not installed (pending, rejected, "
      + "superseded by a newer version, or uninstalled already)")
  Uninstalled uninstall(@PathVariable String id, @RequestBody(required = false) Decision body,
      Caller caller) {
    BundleUninstall.Uninstalled done = uninstalls.uninstall(caller, id,
        body == null ? null : body.reason());
    return new Uninstalled(Detail.of(done.bundle()), done.agent(), done.agent() != null,
        done.workflowsAffected());
  }

  @PostMapping("/{id}/tests")
  @Operation(summary = "Run a bundle's tests", description = "Runs the cases of tests/*.json "
      + "against the simulated model, pass or fail per case with reasons; kept with the "
      + "bundle.")
  BundleTestRunner.Report test(@PathVariable String id, Caller caller) {
    return bundles.test(caller, id);
  }
}
