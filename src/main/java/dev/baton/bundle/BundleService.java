package dev.baton.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.llm.ModelCatalogue;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.prompt.PromptService;
import dev.baton.prompt.PromptStore;
import dev.baton.registry.AgentDirectory;
import dev.baton.registry.AgentProfile;
import dev.baton.registry.AgentRequest;
import dev.baton.registry.AgentService;
import dev.baton.registry.ToolAssignment;
import dev.baton.registry.ToolInfo;
import dev.baton.security.BatonRole;
import dev.baton.security.Caller;
import dev.baton.spec.AgentTypes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submits, lists, decides and tests bundles (the REST API's service). A bundle is stored
 * {@code pending} in the submitter's tenant with its scan report, or refused with every finding
 * when the scan found errors; an operator other than the submitter approves it (four-eyes),
 * which scans it again against the installation as it is now and installs it in the same
 * transaction as the decision: the agent (slug = the bundle's name) in the bundle's tenant, its
 * tool grants, and one prompt template per prompt file. Other tenants' bundles are not found.
 */
@Service
public class BundleService {

  /** Findings kept in a report: the first ones say what is wrong. */
  static final int MAX_FINDINGS = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BundleStore store;
  private final AgentService agents;
  private final PromptService prompts;
  private final PromptStore promptStore;
  private final AgentDirectory directory;
  private final ModelCatalogue models;
  private final BundleTestRunner tests;
  private final AuditLog audit;
  private final Set<String> deniedTools;
  private final String runningVersion;
  private final String defaultTenant;
  private final BundleLimits limits = BundleLimits.DEFAULT;
  private final Clock clock = Clock.systemUTC();
  private final dev.baton.governance.GovernancePolicy governance;

  BundleService(BundleStore store, AgentService agents, PromptService prompts,
      PromptStore promptStore, AgentDirectory directory, ModelCatalogue models, BundleTestRunner tests, AuditLog audit,
      @Value("${baton.bundles.denied-tools:}") String deniedTools,
      @Value("${baton.bundles.baton-version:}") String runningVersion,
      @Value("${baton.tenant-id:default}") String defaultTenant,
      dev.baton.governance.GovernanceProperties governance) {
    this.governance = governance.policy();
    this.store = store;
    this.agents = agents;
    this.prompts = prompts;
    this.promptStore = promptStore;
    this.directory = directory;
    this.models = models;
    this.tests = tests;
    this.audit = audit;
    this.deniedTools = Arrays.stream(deniedTools.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    this.runningVersion = version(runningVersion);
    this.defaultTenant = defaultTenant;
  }

  /** The configured version; the jar's; else that of a build run from its sources. */
  private static String version(String configured) {
    if (configured != null && configured.matches("[0-9]+(\\.[0-9]+)*([-+].*)?")) {
      return configured;
    }
    String jar = BundleService.class.getPackage().getImplementationVersion();
    return jar != null ? jar : "0.1.0";
  }

  public String runningVersion() {
    return runningVersion;
  }

  /** Reads, scans and stores a zip as a pending bundle; refused (422) with its errors. */
  @Transactional
  public BundleRecord submit(Caller caller, byte[] zip, String requestedTenant) {
    caller.require(BatonRole.AUTHOR);
    String tenant = caller.tenantFor(requestedTenant, defaultTenant);
    ZipReader.Result read = new ZipReader(limits).read(zip);
    List<Finding> findings = new ArrayList<>(read.findings());
    ScannedBundle scanned = null;
    if (read.ok()) {
      scanned = scanner().scan(read.files());
      findings.addAll(scanned.findings());
      if (scanned.name() != null) {
        findings.addAll(namesTaken(scanned, read.files(), tenant));
      }
    }
    if (findings.stream().anyMatch(Finding::isError)) {
      List<Finding> kept = findings.stream().limit(MAX_FINDINGS).toList();
      ObjectNode details = report(kept);
      if (scanned != null && scanned.name() != null) {
        details.put("name", scanned.name());
      }
      audit.appendSeparately(new AuditEvent("bundle.refused", null, tenant, "bundle", null,
          null, details));
      throw new BundleRejectedException(kept);
    }
    String files = BundleStore.write(read.files().files());
    if (files.length() > 10_000_000) {
      throw new BundleRejectedException(List.of(Finding.error("zip", Finding.WHOLE, null,
          "the bundle's files take more than 10,000,000 characters to store", null)));
    }
    ObjectNode report = report(scanned.findings());
    long id = store.insert(tenant, scanned.name(), scanned.version(), sha256(zip),
        scanned.manifest(), read.files(), report, caller.userId(), clock.instant());
    ObjectNode details = JSON.createObjectNode().put("name", scanned.name())
        .put("version", scanned.version()).put("sha256", sha256(zip))
        .put("warnings", report.path("warnings").size());
    audit.append(new AuditEvent("bundle.submitted", null, tenant, "bundle",
        String.valueOf(id), null, details));
    return store.find(id).orElseThrow();
  }

  /**
   * The agent's slug and the templates' names are unique across tenants: one taken elsewhere
   * would only fail at approval, so the author learns it now (as {@code PUT /api/prompts} says
   * "taken", this tells nothing but that the name is in use).
   */
  private List<Finding> namesTaken(ScannedBundle scanned, BundleFiles files, String tenant) {
    List<Finding> taken = new ArrayList<>();
    directory.bySlug(scanned.name()).filter(a -> !fromThisBundle(a, scanned.name(), tenant))
        .ifPresent(a -> taken.add(Finding.error("name", BundleScanner.MANIFEST, "$.name",
            "there is an agent '" + scanned.name() + "' already"
                + (tenant.equals(a.tenantId()) ? " in tenant '" + tenant + "', not installed "
                    + "from this bundle" : ""), "rename the bundle")));
    scanned.promptFiles().forEach((file, name) -> promptStore.summary(name)
        .filter(p -> !tenant.equals(p.tenantId()))
        .ifPresent(p -> taken.add(Finding.error("name", files.file("prompts/" + file + ".txt")
            .isPresent() ? "prompts/" + file + ".txt" : "prompts/" + file + ".md", null,
            "prompt template name '" + name + "' is taken", "rename the bundle or the file"))));
    return taken;
  }

  /** An agent a bundle of this name installed in this tenant: a new version may update it. */
  static boolean fromThisBundle(AgentProfile agent, String name, String tenant) {
    return tenant.equals(agent.tenantId())
        && agent.config().path("bundle").asText("").startsWith(name + "@");
  }

  public List<BundleRecord> list(Caller caller) {
    return store.list().stream().filter(b -> caller.sees(b.tenantId())).toList();
  }

  public BundleRecord get(Caller caller, String id) {
    return find(caller, id);
  }

  /** What an approval did: the agent, its tools and prompts, and the last tests' verdict. */
  public record Installed(BundleRecord bundle, AgentProfile agent, List<String> prompts,
      JsonNode tests) {}

  @Transactional
  public Installed approve(Caller caller, String id, String note) {
    caller.require(BatonRole.OPERATOR);
    BundleRecord bundle = decidable(caller, id, "approve");
    ScannedBundle scanned = scanner().scan(store.files(bundle.id()));
    if (!scanned.ok()) {
      // the installation changed since submission (a tool removed, a denied list grown)
      throw new BundleRejectedException(scanned.findings());
    }
    if (!store.decide(bundle.id(), BundleRecord.INSTALLED, caller.userId(), clock.instant(),
        trimmed(note))) {
      throw new ConflictException("bundle " + bundle.id() + " was decided meanwhile; GET "
          + "/api/bundles/" + bundle.id() + " shows the decision");
    }
    int replaced = store.supersede(bundle.tenantId(), bundle.name(), bundle.id());
    AgentProfile agent = installAgent(caller, bundle, scanned);
    List<String> written = new ArrayList<>();
    scanned.prompts().forEach((name, text) -> {
      prompts.put(caller, name, text, bundle.tenantId());
      written.add(name);
    });
    JsonNode testSummary = bundle.testReport() == null
        ? JSON.createObjectNode().put("ran", false)
            .put("note", "the tests were not run before approval")
        : JSON.createObjectNode().put("ran", true)
            .put("passed", bundle.testReport().path("passed").asInt())
            .put("failed", bundle.testReport().path("failed").asInt());
    ObjectNode details = JSON.createObjectNode().put("name", bundle.name())
        .put("version", bundle.version()).put("agent", agent.slug())
        .put("submitted_by", bundle.submittedBy()).put("superseded", replaced);
    details.set("prompts", JSON.valueToTree(written));
    details.set("tools", JSON.valueToTree(scanned.grants().stream()
        .map(ScannedBundle.Grant::tool).toList()));
    details.set("tests", testSummary);
    audit.append(new AuditEvent("bundle.approved", null, bundle.tenantId(), "bundle",
        String.valueOf(bundle.id()), null, details));
    return new Installed(store.find(bundle.id()).orElseThrow(), agent, written, testSummary);
  }

  @Transactional
  public BundleRecord reject(Caller caller, String id, String reason) {
    caller.require(BatonRole.OPERATOR);
    BundleRecord bundle = decidable(caller, id, "reject");
    if (!store.decide(bundle.id(), BundleRecord.REJECTED, caller.userId(), clock.instant(),
        trimmed(reason))) {
      throw new ConflictException("bundle " + bundle.id() + " was decided meanwhile");
    }
    ObjectNode details = JSON.createObjectNode().put("name", bundle.name())
        .put("version", bundle.version()).put("submitted_by", bundle.submittedBy());
    if (reason != null) {
      details.put("reason", trimmed(reason));
    }
    audit.append(new AuditEvent("bundle.rejected", null, bundle.tenantId(), "bundle",
        String.valueOf(bundle.id()), null, details));
    return store.find(bundle.id()).orElseThrow();
  }

  /** Runs the bundle's test cases with the simulated model and keeps the report with it. */
  @Transactional
  public BundleTestRunner.Report test(Caller caller, String id) {
    BundleRecord bundle = find(caller, id);
    ScannedBundle scanned = scanner().scan(store.files(bundle.id()));
    BundleTestRunner.Report report = tests.run(scanned);
    store.testReport(bundle.id(), JSON.valueToTree(report));
    audit.append(new AuditEvent("bundle.tested", null, bundle.tenantId(), "bundle",
        String.valueOf(bundle.id()), null, JSON.createObjectNode()
            .put("passed", report.passed()).put("failed", report.failed())));
    return report;
  }

  private AgentProfile installAgent(Caller caller, BundleRecord bundle, ScannedBundle scanned) {
    JsonNode manifest = scanned.manifest();
    ObjectNode config = JSON.createObjectNode();
    JsonNode configuration = manifest.path("configuration");
    for (String key : List.of("model", "temperature", "max_tokens")) {
      if (configuration.has(key)) {
        config.set(key, configuration.get(key));
      }
    }
    if (scanned.policies().maxModelCalls() != null) {
      config.put("max_model_calls", scanned.policies().maxModelCalls());
    }
    if (scanned.policies().maxToolCalls() != null) {
      config.put("max_tool_calls", scanned.policies().maxToolCalls());
    }
    // where the agent came from, for whoever lists agents
    config.put("bundle", bundle.name() + "@" + bundle.version());
    List<String> capabilities = new ArrayList<>();
    manifest.path("capabilities").forEach(c -> capabilities.add(c.asText()));
    AgentRequest request = new AgentRequest(bundle.name(),
        manifest.path("title").asText(bundle.name()), manifest.path("type").asText(),
        capabilities, config, true, bundle.tenantId());
    AgentProfile agent;
    AgentProfile existing = visibleAgent(caller, bundle.name());
    if (existing == null) {
      agent = agents.create(caller, request);
    } else if (!fromThisBundle(existing, bundle.name(), bundle.tenantId())) {
      throw new ConflictException("there is an agent '" + bundle.name() + "' already that "
          + "this bundle did not install; rename the bundle");
    } else {
      agent = agents.update(caller, bundle.name(), request); // a new version of the bundle
    }
    for (ScannedBundle.Grant grant : scanned.grants()) {
      agent = agents.assign(caller, agent.slug(), new ToolAssignment(grant.tool(),
          grant.scopes(), grant.config()));
    }
    return agent;
  }

  /** Looked up in the list: a NotFoundException would mark the transaction rollback-only. */
  private AgentProfile visibleAgent(Caller caller, String slug) {
    return agents.list(caller).stream().filter(a -> a.slug().equals(slug)).findFirst()
        .orElse(null);
  }

  /** A pending bundle the caller sees and did not submit. */
  private BundleRecord decidable(Caller caller, String id, String verb) {
    BundleRecord bundle = find(caller, id);
    if (caller.userId() != null && caller.userId().equals(bundle.submittedBy())) {
      throw new ForbiddenException("user '" + caller.userId() + "' submitted bundle "
          + bundle.id() + " and may not " + verb + " it: a bundle is decided by another "
          + "operator than its submitter (four-eyes)");
    }
    if (!BundleRecord.PENDING.equals(bundle.state())) {
      throw new ConflictException("bundle " + bundle.id() + " is " + bundle.state()
          + " already (by " + bundle.decidedBy() + "); submit it again to decide anew");
    }
    return bundle;
  }

  private BundleRecord find(Caller caller, String id) {
    if (id == null || !id.matches("[0-9]{1,18}")) {
      throw new BadRequestException("bundle id '" + id + "' is not valid: a number, as "
          + "GET /api/bundles lists them");
    }
    return store.find(Long.parseLong(id)).filter(b -> caller.sees(b.tenantId()))
        .orElseThrow(() -> new NotFoundException("no bundle " + id + "; GET /api/bundles "
            + "lists them"));
  }

  private BundleScanner scanner() {
    Set<String> tools = new LinkedHashSet<>();
    for (ToolInfo tool : agents.tools()) {
      tools.add(tool.slug());
    }
    // the governance policy's allowed types: a bundle approval would be refused otherwise
    Set<String> types = AgentTypes.BUILT_IN.known().stream().filter(governance::allows)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    return new BundleScanner(new ScanContext(tools, deniedTools, runningVersion,
        models.names(), types));
  }

  static ObjectNode report(List<Finding> findings) {
    ObjectNode report = JSON.createObjectNode();
    ArrayNode errors = report.putArray("errors");
    ArrayNode warnings = report.putArray("warnings");
    for (Finding f : findings) {
      (f.isError() ? errors : warnings).add(describe(f));
    }
    return report;
  }

  public static ObjectNode describe(Finding f) {
    ObjectNode node = JSON.createObjectNode()
        .put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT))
        .put("kind", f.kind()).put("file", f.file());
    if (f.path() != null) {
      node.put("path", f.path());
    }
    node.put("message", f.message());
    if (f.hint() != null) {
      node.put("hint", f.hint());
    }
    return node;
  }

  private static String trimmed(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    return t.length() > 2000 ? t.substring(0, 2000) : t;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
