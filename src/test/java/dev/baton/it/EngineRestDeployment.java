package dev.baton.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code POST /engine-rest/deployment/create} as Camunda Modeler's deploy button sends it. */
final class EngineRestDeployment {

  private static final String BOUNDARY = "baton-test-boundary";

  private EngineRestDeployment() {}

  /** @return the HTTP status of the deployment request */
  static int create(int port, String user, String password, String fileName, String content)
      throws IOException, InterruptedException {
    String body = part("deployment-name", null, "security-test")
        + part("data", fileName, content) + "--" + BOUNDARY + "--\r\n";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private static String part(String name, String fileName, String value) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
        + (fileName == null ? "" : "Content-Type: application/octet-stream\r\n") + "\r\n"
        + value + "\r\n";
  }
}
