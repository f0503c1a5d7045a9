package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Baton's REST API over HTTP Basic, JSON in and out. An error reply becomes an
 * {@link ApiException} carrying the problem's {@code detail}; the password is only ever in
 * the {@code Authorization} header.
 */
final class ApiClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI server;
  private final String authorization;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  ApiClient(URI server, String user, String password) {
    this.server = server;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  ObjectMapper json() {
    return json;
  }

  JsonNode get(String path) {
    return send(request(path).GET());
  }

  /** GET with query parameters; null values are left out. */
  JsonNode get(String path, Map<String, Object> query) {
    String encoded = query.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()),
            StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return get(encoded.isEmpty() ? path : path + "?" + encoded);
  }

  /** GET of a body that is not JSON (the BPMN XML). */
  String getText(String path) {
    return body(exchange(request(path).GET()));
  }

  JsonNode post(String path, Object body) {
    return send(request(path).POST(publisher(body)));
  }

  /** POST of a body that is not JSON (a bundle's zip), with its content type. */
  JsonNode postBytes(String path, String contentType, byte[] body) {
    return send(request(path).setHeader("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  JsonNode put(String path, Object body) {
    return send(request(path).PUT(publisher(body)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", authorization)
        .header("Accept", "application/json, application/problem+json, application/xml")
        .header("Content-Type", "application/json");
  }

  private HttpRequest.BodyPublisher publisher(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(body == null ? "" : json.writeValueAsString(body));
    } catch (IOException e) {
      throw new ApiException("cannot write the request: " + e.getMessage(), ExitCode.USAGE, null);
    }
  }

  private JsonNode send(HttpRequest.Builder request) {
    String body = body(exchange(request));
    try {
      return body.isBlank() ? json.nullNode() : json.readTree(body);
    } catch (IOException e) {
      throw new ApiException("the server's reply is not JSON (is " + server
          + " a Baton server?)", ExitCode.UNAVAILABLE, null);
    }
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new ApiException("cannot reach Baton at " + server + " (" + describe(e)
          + "); is it running? Set BATON_URL or --server", ExitCode.UNAVAILABLE, null);
    } catch (HttpTimeoutException e) {
      throw new ApiException("Baton at " + server + " did not answer within "
          + REQUEST_TIMEOUT.toSeconds() + " s", ExitCode.UNAVAILABLE, null);
    } catch (IOException e) {
      throw new ApiException("talking to Baton at " + server + " failed: " + describe(e),
          ExitCode.UNAVAILABLE, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted", ExitCode.UNAVAILABLE, null);
    }
  }

  private String body(HttpResponse<String> response) {
    if (response.statusCode() < 400) {
      return response.body();
    }
    JsonNode problem = null;
    try {
      problem = json.readTree(response.body());
    } catch (IOException | RuntimeException notJson) {
      // a proxy's HTML page, say: the status says enough
    }
    String detail = problem != null && problem.hasNonNull("detail")
        ? problem.get("detail").asText()
        : "HTTP " + response.statusCode() + " from " + response.uri().getPath();
    if (response.statusCode() == 401) {
      detail += " (user and password come from BATON_USER/BATON_PASSWORD or the config file)";
    }
    throw new ApiException(detail, ExitCode.of(response.statusCode()), problem);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
