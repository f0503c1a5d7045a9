package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decisions taken where approvers work: Tasklist submits the approval form through the webapp's
 * engine API (after the webapp login, with its XSRF token), and engine-rest clients submit it
 * directly. Both go through the same task listener as the Baton API, so the run records who
 * decided and why.
 */
class TasklistDecisionIT extends IntegrationTest {

  private static final String FORM = "{\"variables\": {\"decision\": {\"value\": \"%s\"}, "
      + "\"comment\": {\"value\": \"%s\"}}}";

  @Test
  void approvingInTasklistRecordsTheApproverAndContinuesTheRun() throws Exception {
    ApiClient api = api();
    String run = api.startRun("full-development-cycle", Map.of("task", "tasklist path"));
    String task = api.awaitApproval(run, "approval_gate");

    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String xsrf = cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("Tasklist set no XSRF-TOKEN cookie"));

    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session with a new token, which the next GET hands out
    HttpResponse<Void> page = browser.send(HttpRequest.newBuilder(
        URI.create(base + "/camunda/api/engine/engine/default/task/" + task)).build(),
        HttpResponse.BodyHandlers.discarding());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElse(currentXsrf(cookies, xsrf));

    HttpResponse<String> submitted = browser.send(HttpRequest.newBuilder(URI.create(
            base + "/camunda/api/engine/engine/default/task/" + task + "/submit-form"))
        .header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString(String.format(FORM, "approve", "looks right")))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode gate = RunLifecycleIT.node(done, "approval_gate").path("output");
    assertThat(gate.path("decision").asText()).isEqualTo("approve");
    assertThat(gate.path("decided_by").asText()).isEqualTo("alice");
    assertThat(gate.path("comment").asText()).isEqualTo("looks right");
  }

  @Test
  void rejectingThroughEngineRestNamesTheUser() throws Exception {
    ApiClient api = api();
    String run = api.startRun("full-development-cycle", Map.of("task", "engine-rest path"));
    String task = api.awaitApproval(run, "approval_gate");

    HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/task/" + task + "/submit-form"))
        .header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString("bob:bob".getBytes()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(String.format(FORM, "reject", "too risky")))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("failed");
    assertThat(done.path("reason").asText())
        .isEqualTo("rejected at 'Review Plan' by bob: too risky");
  }

  @Test
  void engineRestNeedsCredentials() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/user")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  private static String currentXsrf(CookieManager cookies, String fallback) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
        .reduce((a, b) -> b).orElse(fallback);
  }
}
