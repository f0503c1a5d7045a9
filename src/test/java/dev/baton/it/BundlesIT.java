package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.bundle.BundleDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent bundles over HTTP with the shipped sample (processes/bundles/changelog-writer):
 * alice (author) submits it, it is scanned and pending; its tests run against the simulated
 * model; bob (operator) approves it, which registers the agent in alice's tenant with its tool
 * and writes its prompts as templates. A submitter may not decide their own bundle (four-eyes),
 * another tenant does not find it, and a bundle holding a secret is refused with the finding.
 * An operator uninstalls an installed bundle: its agent is disabled, the workflows with nodes on
 * it are named, and their runs stop at those nodes until the bundle is installed again.
 */
class BundlesIT extends IntegrationTest {

  private static final Path SAMPLE = Path.of("processes/bundles/changelog-writer");

  private static ApiClient.Response submit(ApiClient api, byte[] zip) {
    return api.send("POST", "/api/bundles", "application/zip", zip);
  }

  private static void assertProblem(ApiClient.Response response, int status, String detail) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("detail").asText()).contains(detail);
  }

  @Test
  void aSubmittedBundleIsScannedTestedApprovedByAnotherUserAndInstalled() {
    ApiClient alice = api("alice", "alice");
    ApiClient bob = api("bob", "bob");
    ApiClient zoe = api("zoe", "zoe");

    ApiClient.Response submitted = submit(alice, BundleDirectory.zip(SAMPLE));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    JsonNode bundle = submitted.json();
    String id = bundle.path("id").asText();
    assertThat(submitted.contentType()).startsWith("application/json");
    assertThat(bundle.path("state").asText()).isEqualTo("pending");
    assertThat(bundle.path("name").asText()).isEqualTo("changelog-writer");
    assertThat(bundle.path("tenant_id").asText()).isEqualTo("default");
    assertThat(bundle.path("submitted_by").asText()).isEqualTo("alice");
    assertThat(bundle.at("/scan_report/errors").size()).isZero();
    assertThat(bundle.at("/manifest/version").asText()).isEqualTo("1.0.0");
    assertThat(bundle.path("sha256").asText()).hasSize(64);

    // an author is no operator; another tenant does not see it at all
    assertProblem(alice.post("/api/bundles/" + id + "/approve", Map.of()), 403, "has no role");
    assertProblem(zoe.get("/api/bundles/" + id), 404, "no bundle " + id);
    assertProblem(zoe.post("/api/bundles/" + id + "/approve", Map.of()), 404, "no bundle");
    assertThat(zoe.get("/api/bundles").json().findValuesAsText("id")).doesNotContain(id);

    // its tests, against the simulated model
    ApiClient.Response tests = alice.send("POST", "/api/bundles/" + id + "/tests", null);
    assertThat(tests.status()).as(tests.body()).isEqualTo(200);
    assertThat(tests.json().path("passed").asInt()).as(tests.body()).isEqualTo(2);
    assertThat(tests.json().path("failed").asInt()).isZero();
    assertThat(tests.json().path("model").asText()).isEqualTo("baton-simulated");
    assertThat(tests.json().at("/cases/0/output").asText()).contains("v2.4.0");
    JsonNode listed = null;
    for (JsonNode b : alice.get("/api/bundles").json()) {
      if (b.path("id").asText().equals(id)) {
        listed = b;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("tests").asText()).isEqualTo("2/2 passed");

    // bob approves: the agent, its tool and its prompts exist in alice's tenant
    ApiClient.Response approved = bob.post("/api/bundles/" + id + "/approve",
        Map.of("reason", "reviewed"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("agent").asText()).isEqualTo("changelog-writer");
    assertThat(approved.json().path("prompts").toString())
        .contains("changelog-writer.main").contains("changelog-writer.summary");
    assertThat(approved.json().at("/tests/passed").asInt()).isEqualTo(2);
    assertThat(approved.json().at("/bundle/state").asText()).isEqualTo("installed");
    assertThat(approved.json().at("/bundle/decided_by").asText()).isEqualTo("bob");

    JsonNode agent = alice.get("/api/agents/changelog-writer").json();
    assertThat(agent.path("tenant_id").asText()).isEqualTo("default");
    assertThat(agent.path("type").asText()).isEqualTo("docs");
    assertThat(agent.at("/config/model").asText()).isEqualTo("baton-simulated");
    assertThat(agent.at("/config/max_model_calls").asInt()).isEqualTo(4);
    assertThat(agent.path("tools").toString()).contains("github");
    assertThat(agent.path("capabilities").toString()).contains("release_notes");
    JsonNode prompt = alice.get("/api/prompts/changelog-writer.main").json();
    assertThat(prompt.path("text").asText()).startsWith("Release notes for {{input.release}}");
    assertThat(prompt.path("tenant_id").asText()).isEqualTo("default");
    assertThat(zoe.get("/api/agents/changelog-writer").status()).isEqualTo(404);

    JsonNode shown = alice.get("/api/bundles/" + id).json();
    assertThat(shown.path("state").asText()).isEqualTo("installed");
    assertThat(shown.path("reason").asText()).isEqualTo("reviewed");
    assertThat(shown.at("/test_report/passed").asInt()).isEqualTo(2);
    assertProblem(bob.post("/api/bundles/" + id + "/approve", Map.of()), 409, "installed");

    // a workflow of alice's tenant runs on the installed agent with the installed prompt
    ApiClient.Response deployed = alice.post("/api/workflows", Map.of("slug", "it-bundled",
        "spec", Map.of("metadata", Map.of("name", "Bundled"), "nodes", java.util.List.of(
            Map.of("id", "notes", "type", "agent_task", "agent_type", "docs", "config",
                Map.of("agent", "changelog-writer",
                    "prompt_template", "changelog-writer.main"))))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    JsonNode run = alice.awaitEnd(alice.startRun("it-bundled",
        Map.of("release", "v9.9.9", "changes", "one fix")));
    assertThat(run.path("status").asText()).as(run.toPrettyString()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(run, "notes").at("/output/agent").asText())
        .isEqualTo("changelog-writer");
    assertThat(RunLifecycleIT.node(run, "notes").at("/output/output").asText())
        .contains("Release notes for v9.9.9");

    // the agent's slug and the templates' names are taken now: another tenant learns it at once
    ApiClient.Response taken = submit(zoe, BundleDirectory.zip(SAMPLE));
    assertProblem(taken, 422, "error(s)");
    assertThat(taken.json().path("errors").findValuesAsText("kind")).containsOnly("name");
    assertThat(taken.json().path("errors").findValuesAsText("file"))
        .contains("manifest.json", "prompts/main.txt", "prompts/summary.md");

    JsonNode audit = api().get("/api/audit?resource=" + id + "&resource_type=bundle").json();
    assertThat(audit.path("entries").findValuesAsText("action"))
        .contains("bundle.submitted", "bundle.tested", "bundle.approved");
  }

  /** The sample under another name, so that tenants' agents and templates do not collide. */
  private static byte[] renamed(Path dir, String name) throws IOException {
    return renamed(dir, name, "1.0.0");
  }

  private static byte[] renamed(Path dir, String name, String version) throws IOException {
    Path copy = copy(dir.resolve(name + "-" + version));
    Files.writeString(copy.resolve("manifest.json"), Files.readString(
        copy.resolve("manifest.json")).replace("\"changelog-writer\"", "\"" + name + "\"")
        .replace("\"version\": \"1.0.0\"", "\"version\": \"" + version + "\""));
    return BundleDirectory.zip(copy);
  }

  private static Path copy(Path dir) throws IOException {
    Path copy = dir.resolve("bundle");
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(SAMPLE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return copy;
  }

  @Test
  void theSubmitterMayNotDecideTheirOwnBundle(@TempDir Path dir) throws IOException {
    ApiClient zoe = api("zoe", "zoe"); // author and operator, in tenant acme
    ApiClient.Response submitted = submit(zoe, renamed(dir, "acme-changelog"));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().path("id").asText();
    assertThat(submitted.json().path("tenant_id").asText()).isEqualTo("acme");
    assertProblem(zoe.post("/api/bundles/" + id + "/approve", Map.of()), 403, "four-eyes");
    assertProblem(zoe.post("/api/bundles/" + id + "/reject", Map.of()), 403, "four-eyes");
    assertProblem(api("bob", "bob").get("/api/bundles/" + id), 404, "no bundle");
    assertThat(zoe.get("/api/bundles/" + id).json().path("state").asText())
        .isEqualTo("pending");
  }

  @Test
  void anotherOperatorRejectsWithAReason() {
    ApiClient.Response submitted = submit(api("alice", "alice"), BundleDirectory.zip(SAMPLE));
    String id = submitted.json().path("id").asText();
    ApiClient.Response rejected = api("bob", "bob").post("/api/bundles/" + id + "/reject",
        Map.of("reason", "prompts too vague"));
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().path("state").asText()).isEqualTo("rejected");
    assertThat(rejected.json().path("reason").asText()).isEqualTo("prompts too vague");
  }

  @Test
  void aBundleHoldingASecretIsRefusedWithEveryFinding(@TempDir Path dir) throws IOException {
    Path copy = copy(dir);
    Files.writeString(copy.resolve("docs/setup.md"),
        "Use this key:\nOPENAI=sk-proj-Zx81kQ0pLm3nB7vC5xR2tY9w\n");
    Files.writeString(copy.resolve("tools.json"),
        "{\"tools\": [{\"name\": \"github\"}, {\"name\": \"jira\"}]}");
    ApiClient.Response refused = submit(api("alice", "alice"), BundleDirectory.zip(copy));
    assertProblem(refused, 422, "error(s)");
    JsonNode errors = refused.json().path("errors");
    assertThat(errors.findValuesAsText("kind")).contains("secret", "tool");
    assertThat(errors.findValuesAsText("file")).contains("docs/setup.md", "tools.json");
    assertThat(errors.findValuesAsText("path")).contains("line 2", "$.tools[1].name");
    assertThat(refused.body()).doesNotContain("Zx81kQ0pLm3nB7vC5xR2tY9w");

    ApiClient.Response notAZip = api("alice", "alice").send("POST", "/api/bundles",
        "application/zip", "{\"name\": \"x\"}".getBytes());
    assertProblem(notAZip, 422, "error(s)");
    assertThat(notAZip.json().path("errors").toString()).contains("not a zip file");
  }

  @Test
  void anOperatorUninstallsABundleAndItsAgentStopsServing(@TempDir Path dir)
      throws IOException {
    ApiClient alice = api("alice", "alice");
    ApiClient bob = api("bob", "bob");
    String v1 = installed(alice, bob, renamed(dir, "retiring-writer", "1.0.0"));
    String v2 = installed(alice, bob, renamed(dir, "retiring-writer", "1.1.0"));
    // one version is installed at a time: the newer one replaced the older
    assertThat(alice.get("/api/bundles/" + v1).json().path("state").asText())
        .isEqualTo("superseded");
    assertProblem(bob.post("/api/bundles/" + v1 + "/uninstall", Map.of()), 409,
        "a newer version of 'retiring-writer' replaced it");

    ApiClient.Response deployed = alice.post("/api/workflows", Map.of("slug", "it-retiring",
        "spec", Map.of("metadata", Map.of("name", "Retiring"), "nodes", java.util.List.of(
            Map.of("id", "notes", "type", "agent_task", "agent_type", "docs", "config",
                Map.of("agent", "retiring-writer",
                    "prompt_template", "retiring-writer.main"))))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

    // an author is no operator
    assertProblem(alice.post("/api/bundles/" + v2 + "/uninstall", Map.of()), 403,
        "has no role");
    ApiClient.Response uninstalled = bob.post("/api/bundles/" + v2 + "/uninstall",
        Map.of("reason", "replaced by the docs team's agent"));
    assertThat(uninstalled.status()).as(uninstalled.body()).isEqualTo(200);
    JsonNode done = uninstalled.json();
    assertThat(done.at("/bundle/state").asText()).isEqualTo("uninstalled");
    assertThat(done.at("/bundle/uninstalled_by").asText()).isEqualTo("bob");
    assertThat(done.at("/bundle/uninstall_reason").asText())
        .isEqualTo("replaced by the docs team's agent");
    assertThat(done.at("/bundle/decided_by").asText()).as("the approval stays").isEqualTo("bob");
    assertThat(done.path("agent").asText()).isEqualTo("retiring-writer");
    assertThat(done.path("agent_disabled").asBoolean()).isTrue();
    assertThat(done.at("/workflows_affected/0/workflow_id").asText()).isEqualTo("it-retiring");
    assertThat(done.at("/workflows_affected/0/nodes/0").asText()).isEqualTo("notes");
    assertThat(alice.get("/api/agents/retiring-writer").json().path("enabled").asBoolean())
        .isFalse();
    assertThat(alice.get("/api/prompts/retiring-writer.main").status())
        .as("deployed workflows keep their prompts").isEqualTo(200);
    assertProblem(bob.post("/api/bundles/" + v2 + "/uninstall", Map.of()), 409,
        "is uninstalled");

    // a run of a workflow on that agent stops at its node, saying what to do
    JsonNode stopped = alice.awaitStatus(alice.startRun("it-retiring",
        Map.of("release", "v1", "changes", "c")), "failed");
    assertThat(stopped.path("reason").asText()).contains("retiring-writer").contains("disabled");

    // installing it again serves again
    installed(alice, bob, renamed(dir, "retiring-writer", "1.2.0"));
    assertThat(alice.get("/api/agents/retiring-writer").json().path("enabled").asBoolean())
        .isTrue();
    assertThat(alice.get("/api/bundles/" + v2).json().path("state").asText())
        .isEqualTo("uninstalled");
    JsonNode run = alice.awaitEnd(alice.startRun("it-retiring",
        Map.of("release", "v2", "changes", "c")));
    assertThat(run.path("status").asText()).as(run.toPrettyString()).isEqualTo("completed");

    JsonNode audit = api().get("/api/audit?resource=" + v2 + "&resource_type=bundle").json();
    assertThat(audit.path("entries").findValuesAsText("action"))
        .contains("bundle.approved", "bundle.uninstalled");
  }

  /** Submitted by the author, approved by the operator: the bundle's id. */
  private static String installed(ApiClient author, ApiClient operator, byte[] zip) {
    ApiClient.Response submitted = submit(author, zip);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().path("id").asText();
    ApiClient.Response approved = operator.post("/api/bundles/" + id + "/approve", Map.of());
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    return id;
  }
}
