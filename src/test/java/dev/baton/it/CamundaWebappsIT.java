package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.process.ProcessTestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Baton's face in Camunda's webapps, over HTTP as the browser loads it: the apps' own
 * configuration and styles served from Baton's jar (name, logo, no end-of-life banner, Welcome
 * links), the guides at {@code /docs/}, the Tasklist filters approvers start from, and what the
 * approval screens say (the run's input, what approving leads to, the override's wording and
 * due date). The real browser sees the same in {@code TasklistBrowserIT}.
 */
class CamundaWebappsIT extends IntegrationTest {

  private static final List<String> APPS = List.of("tasklist", "cockpit", "admin", "welcome");

  @Test
  void everyWebappCarriesBatonsNameAndHidesTheEndOfLifeBanner() {
    ApiClient anonymous = ApiClient.anonymous(port);
    for (String app : APPS) {
      var config = anonymous.get("/camunda/app/" + app + "/scripts/config.js");
      assertThat(config.status()).as(app + " config.js").isEqualTo(200);
      assertThat(config.body()).as(app + " config.js").contains("vendor: 'Baton'")
          .contains("'../baton/branding'");
      var styles = anonymous.get("/camunda/app/" + app + "/styles/user-styles.css");
      assertThat(styles.body()).as(app + " user-styles.css")
          .contains("@import url(\"../../baton/baton.css\")");
    }
    var shared = anonymous.get("/camunda/app/baton/baton.css");
    assertThat(shared.status()).isEqualTo(200);
    assertThat(shared.body()).contains(".ce-eol-banner").contains("display: none !important")
        .contains("url(logo.svg)");
    var branding = anonymous.get("/camunda/app/baton/branding.js");
    assertThat(branding.status()).isEqualTo(200);
    assertThat(branding.contentType()).contains("javascript");
    assertThat(branding.body()).contains("export default");
    var logo = anonymous.get("/camunda/app/baton/logo.svg");
    assertThat(logo.status()).isEqualTo(200);
    assertThat(logo.body()).contains("<svg");
    assertThat(anonymous.get("/camunda/app/welcome/scripts/config.js").body())
        .contains("href: '/docs/'").contains("href: '/api/openapi'");
  }

  @Test
  void theGuidesAreReadablePagesForEveryone() {
    ApiClient anonymous = ApiClient.anonymous(port);
    var index = anonymous.get("/docs/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.contentType()).startsWith("text/html");
    assertThat(index.body()).contains("href=\"/docs/approvers-guide\"")
        .contains("href=\"/docs/security\"");

    var guide = anonymous.get("/docs/approvers-guide");
    assertThat(guide.status()).isEqualTo(200);
    assertThat(guide.body()).contains("<h1").contains("</table>").doesNotContain("<script");
    // links between guides lead to pages, not to markdown files
    assertThat(anonymous.get("/docs/security").body()).doesNotContain(".md\"");

    var picture = anonymous.get("/docs/images/approval-form.png");
    assertThat(picture.status()).isEqualTo(200);
    assertThat(picture.contentType()).isEqualTo("image/png");

    var missing = anonymous.get("/docs/no-such-guide");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).contains("problem+json");
    assertThat(missing.json().path("detail").asText()).contains("no-such-guide");
    for (String attempt : List.of("/docs/..%2Fapplication.yml", "/docs/%2e%2e/pom.xml",
        "/docs/images/..%2F..%2Fapplication.yml.png")) {
      assertThat(anonymous.get(attempt).status()).as(attempt).isIn(400, 404);
    }
  }

  @Test
  void swaggerUiServesTheApiDescriptionBehindTheApisAuthentication() throws Exception {
    assertThat(ApiClient.anonymous(port).get("/api/docs").status()).isEqualTo(401);
    // a viewer, the least role: the description is no secret, the calls it makes are checked
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/docs"))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("erin:erin".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
    var config = api("erin", "erin").get("/api/openapi/swagger-config");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().path("url").asText()).isEqualTo("/api/openapi");
  }

  @Test
  void approversFindTheirGatesAndOverridesInTasklistFilters() {
    Map<String, String> filters = filtersAs(api("carol", "carol"));
    assertThat(filters).containsKeys("My approval gates", "Budget overrides", "Due today");
    assertThat(filtersAs(api("bob", "bob"))).isEqualTo(filters);
    assertThat(api("erin", "erin").get("/engine-rest/filter?resourceType=Task").json())
        .as("a viewer is no approver: no filters").isEmpty();

    deployOverrideSpec("override-filters");
    ApiClient alice = api("alice", "alice");
    String overrideRun = alice.startRun("override-filters", Map.of("task", "quarterly report"));
    String override = alice.awaitApproval(overrideRun, "expensive__override");
    String gateRun = alice.startRun("full-development-cycle", Map.of("task", "Build a todo app"));
    String gate = alice.awaitApproval(gateRun, "approval_gate");

    ApiClient bob = api("bob", "bob"); // TenantAdmin: a candidate of both
    assertThat(taskIds(bob, filters.get("My approval gates"))).contains(override, gate);
    assertThat(taskIds(bob, filters.get("Budget overrides"))).contains(override)
        .doesNotContain(gate);
    // carol is only in product-owner: neither task is hers to decide
    assertThat(taskIds(api("carol", "carol"), filters.get("My approval gates")))
        .doesNotContain(override, gate);

    // the override is due when its request times out (timeout_hours: 2); "Due today" holds
    // it exactly when that is before midnight
    JsonNode task = bob.get("/engine-rest/task/" + override).json();
    Instant due = OffsetDateTime.parse(task.path("due").asText(),
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    assertThat(Duration.between(Instant.now(), due))
        .isBetween(Duration.ofMinutes(110), Duration.ofHours(2));
    boolean dueToday = due.isBefore(LocalDate.now().plusDays(1)
        .atStartOfDay(ZoneId.systemDefault()).toInstant());
    assertThat(taskIds(bob, filters.get("Due today")).contains(override)).isEqualTo(dueToday);

    alice.post("/api/workflows/runs/" + overrideRun + "/abort", Map.of("reason", "done"));
    alice.post("/api/workflows/runs/" + gateRun + "/abort", Map.of("reason", "done"));
  }

  @Test
  void approvalScreensShowWhatTheWorkIsForAndWhatApprovingDoes() {
    ApiClient alice = api("alice", "alice");
    String gateRun = alice.startRun("full-development-cycle", Map.of("task", "Build a todo app"));
    String gate = alice.awaitApproval(gateRun, "approval_gate");
    String review = review(alice, gate);
    assertThat(review).contains("#### The run's input").contains("Build a todo app")
        .contains("**If you approve, next:** Implement Code");

    deployOverrideSpec("override-screen");
    String overrideRun = alice.startRun("override-screen", Map.of("task", "quarterly report"));
    String override = alice.awaitApproval(overrideRun, "expensive__override");
    String overrideReview = review(api("bob", "bob"), override);
    assertThat(overrideReview).contains("More budget needed for expensive")
        .contains("quarterly report").contains("ask a Baton operator")
        .doesNotContain("/api/").doesNotContain("PUT ");
    JsonNode task = api("bob", "bob").get("/engine-rest/task/" + override).json();
    assertThat(task.path("name").asText()).isEqualTo("Raise budget for expensive");

    alice.post("/api/workflows/runs/" + overrideRun + "/abort", Map.of("reason", "done"));
    alice.post("/api/workflows/runs/" + gateRun + "/abort", Map.of("reason", "done"));
  }

  @Test
  void anIncidentInCockpitPointsAtTheRunAndTheGuide() {
    ApiClient dave = api("dave", "dave");
    String run = dave.startRun("diamond", Map.of("task", "x [simulate:error:c]"));
    dave.awaitStatus(run, "failed");

    // bob operates: what Cockpit's incident list shows him
    var incidents = api("bob", "bob").get("/engine-rest/incident?processInstanceId=" + run);
    assertThat(incidents.status()).as(incidents.body()).isEqualTo(200);
    assertThat(incidents.json()).hasSize(1);
    JsonNode incident = incidents.json().get(0);
    assertThat(incident.path("incidentMessage").asText()).contains("simulated model refused");
    assertThat(incident.path("annotation").asText())
        .contains("node 'c'")
        .contains("GET /api/workflows/runs/" + run)
        .contains("/docs/operations#when-a-run-fails");
    // and the guide's section it names exists
    assertThat(ApiClient.anonymous(port).get("/docs/operations").body())
        .contains("id=\"when-a-run-fails\"");
    dave.post("/api/workflows/runs/" + run + "/abort", Map.of("reason", "done"));
  }

  /** A workflow whose first step always needs a budget override (timeout_hours: 2). */
  private void deployOverrideSpec(String slug) {
    String spec = ProcessTestEngine.read(ProcessTestEngine.testSpec("budget-override"));
    var created = api().post("/api/workflows", Map.of("slug", slug,
        "spec", ProcessTestEngine.json(spec)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static String review(ApiClient as, String taskId) {
    var variable = as.get("/engine-rest/task/" + taskId + "/localVariables/baton_review");
    assertThat(variable.status()).as(variable.body()).isEqualTo(200);
    return variable.json().path("value").asText();
  }

  private static Map<String, String> filtersAs(ApiClient as) {
    var list = as.get("/engine-rest/filter?resourceType=Task");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    Map<String, String> byName = new HashMap<>();
    list.json().forEach(f -> byName.put(f.path("name").asText(), f.path("id").asText()));
    return byName;
  }

  private static List<String> taskIds(ApiClient as, String filterId) {
    var tasks = as.get("/engine-rest/filter/" + filterId + "/list?maxResults=500");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    tasks.json().forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }
}
