package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reported bad inputs, each refused with a 4xx problem+json naming its path: oversized
 * bodies (declared or chunked), a 50,000-node spec (in milliseconds), numbers that overflow
 * ({@code budget_usd}, {@code daily_usd}: 1e400) or that used to be clamped ({@code
 * timeout_ms}: 1e30), unknown fields, run inputs and priorities out of range.
 */
class RequestLimitsIT extends IntegrationTest {

  private HttpResponse<String> raw(String path, byte[] body, boolean chunked) throws Exception {
    HttpRequest.BodyPublisher publisher = chunked
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "demo:demo".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bodiesOverTheLimitAre413WhetherDeclaredOrChunked() throws Exception {
    byte[] body = ("{\"slug\":\"big\",\"spec\":\"" + "x".repeat(2_200_000) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (boolean chunked : List.of(false, true)) {
      HttpResponse<String> response = raw("/api/workflows", body, chunked);
      assertThat(response.statusCode()).as("chunked: %s", chunked).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type")).get().asString()
          .startsWith("application/problem+json");
      assertThat(response.body()).contains("baton.limits.max-request-bytes")
          .contains("\"path\":\"$\"");
    }
  }

  @Test
  void fiftyThousandNodesAreRefusedInMilliseconds() throws Exception {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      nodes.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i)
          .append("\",\"type\":\"parallel\"}");
    }
    byte[] body = ("{\"slug\":\"huge\",\"spec\":{\"metadata\":{\"name\":\"huge\"},\"nodes\":["
        + nodes + "]}}").getBytes(StandardCharsets.UTF_8);
    raw("/api/workflows", body, false); // warm-up
    long started = System.nanoTime();
    HttpResponse<String> response = raw("/api/workflows", body, false);
    long ms = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("\"path\":\"$\"").contains("the limit is 1048576");
    assertThat(ms).as("%d bytes refused in %d ms", body.length, ms).isLessThan(2_000);
    System.out.printf("[limits] 50,000-node spec (%d bytes) refused in %d ms%n", body.length,
        ms);
  }

  @Test
  void numbersThatOverflowOrWouldBeClampedAreRefusedWithTheirPath() throws Exception {
    String spec = "{\"metadata\":{\"name\":\"x\",\"budget_usd\":1e400},\"nodes\":[{\"id\":\"a\","
        + "\"type\":\"agent_task\",\"agent_type\":\"custom\",\"timeout_ms\":1e30}]}";
    HttpResponse<String> deploy = raw("/api/workflows",
        ("{\"slug\":\"overflow\",\"spec\":" + spec + "}").getBytes(StandardCharsets.UTF_8),
        false);
    assertThat(deploy.statusCode()).isEqualTo(422);
    assertThat(deploy.body()).contains("$.metadata.budget_usd").contains("$.nodes[0].timeout_ms");

    HttpResponse<String> budget = raw("/api/budgets",
        "{\"name\":\"b\",\"tenant_id\":\"default\",\"daily_usd\":1e400}".getBytes(
            StandardCharsets.UTF_8), false);
    assertThat(budget.statusCode()).isEqualTo(422);
    assertThat(budget.body()).contains("\"path\":\"$.daily_usd\"")
        .contains("baton.limits.max-budget-usd");
    assertThat(api().get("/api/budgets").json().findValuesAsText("tenant_id"))
        .doesNotContain("default");
  }

  @Test
  void unknownFieldsAreRefusedWithDidYouMean() {
    var r = api().post("/api/workflows", Map.of("slug", "typo", "spec", Map.of(
        "metadata", Map.of("name", "x", "budget_us", 5),
        "nodes", List.of(Map.of("id", "a", "type", "agent_task", "agent_type", "custom")))));
    assertThat(r.status()).isEqualTo(422);
    JsonNode error = r.json().path("errors").get(0);
    assertThat(error.path("path").asText()).isEqualTo("$.metadata.budget_us");
    assertThat(error.path("message").asText()).contains("did you mean 'budget_usd'?");
  }

  @Test
  void runInputsAndPrioritiesOutOfRangeAreRefused() throws Exception {
    var big = api().post("/api/workflows/diamond/runs",
        Map.of("input_data", Map.of("text", "x".repeat(300_000))));
    assertThat(big.status()).isEqualTo(422);
    assertThat(big.json().path("path").asText()).isEqualTo("$.input_data");

    HttpResponse<String> infinite = raw("/api/workflows/diamond/runs",
        "{\"input_data\":{\"n\":1e400}}".getBytes(StandardCharsets.UTF_8), false);
    assertThat(infinite.statusCode()).isEqualTo(422);
    assertThat(infinite.body()).contains("\"path\":\"$.input_data.n\"");

    var priority = api().post("/api/workflows/diamond/runs", Map.of("priority", 5_000));
    assertThat(priority.status()).isEqualTo(422);
    assertThat(priority.json().path("path").asText()).isEqualTo("$.priority");
    var notANumber = api().post("/api/workflows/diamond/runs", Map.of("priority", "high"));
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.json().path("path").asText()).isEqualTo("$.priority");

    var title = api().post("/api/workflows", Map.of("slug", "long-title", "title",
        "t".repeat(201), "spec", Map.of("metadata", Map.of("name", "x"))));
    assertThat(title.status()).isEqualTo(422);
    assertThat(title.json().path("path").asText()).isEqualTo("$.title");
  }
}
