package dev.baton.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.BatonProperties;
import dev.baton.connector.EnvSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends a message to channels: {@code log} (the default) writes it to the log; any other name
 * is a connector definition {@code connectors/<name>.json} of type {@code webhook}, whose URL
 * and headers may reference secrets as {@code ${env:NAME}} (read by {@link EnvSecrets}, as for
 * tools). Secrets are resolved at send time
 * and never logged; a channel whose secret is not set is reported by name.
 */
@Component
public class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path connectors;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Autowired
  public Notifier(BatonProperties properties) {
    this(properties.connectorsDir());
  }

  public Notifier(Path connectors) {
    this.connectors = connectors;
  }

  /** Sends once the current engine transaction commits (at once outside of one). */
  public void afterCommit(List<String> channels, String message) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      send(channels, message);
      return;
    }
    context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
        committed -> send(channels, message));
  }

  public void send(List<String> channels, String message) {
    for (String channel : channels.isEmpty() ? List.of("log") : channels) {
      if ("log".equals(channel)) {
        log.info("[notify] {}", message);
        continue;
      }
      try {
        webhook(channel, message);
      } catch (IOException | RuntimeException e) {
        log.warn("[notify] channel '{}' failed ({}); the message was: {}", channel,
            e.getClass().getSimpleName(), message);
      }
    }
  }

  private void webhook(String channel, String message) throws IOException {
    Path file = connectors.resolve(channel + ".json");
    if (!Files.isRegularFile(file)) {
      log.warn("[notify] no channel '{}' (expected {}); the message was: {}", channel, file,
          message);
      return;
    }
    JsonNode connector = JSON.readTree(Files.readString(file));
    EnvSecrets.Resolved url = EnvSecrets.resolve(connector.path("url").asText());
    if (url.missing() != null) {
      log.warn("[notify] channel '{}' is not configured: set {}; the message was: {}", channel,
          url.missing(), message);
      return;
    }
    String body = connector.path("body_template").asText("{\"text\": {{message}}}")
        .replace("{{message}}", JSON.writeValueAsString(message));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.text()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(connector.path("method").asText("POST"), HttpRequest.BodyPublishers.ofString(body));
    connector.path("headers").properties().forEach(h -> {
      EnvSecrets.Resolved value = EnvSecrets.resolve(h.getValue().asText());
      if (value.missing() == null) {
        request.header(h.getKey(), value.text());
      }
    });
    http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, error) -> {
          if (error != null || response.statusCode() >= 300) {
            log.warn("[notify] channel '{}' answered {}; the message was: {}", channel,
                error != null ? error.getClass().getSimpleName() : response.statusCode(), message);
          }
        });
  }
}
