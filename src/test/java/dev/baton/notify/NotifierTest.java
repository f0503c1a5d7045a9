package dev.baton.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook channels against a real local HTTP endpoint. */
class NotifierTest {

  private HttpServer server;
  private final BlockingQueue<String[]> received = new ArrayBlockingQueue<>(10);

  @BeforeEach
  void endpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      received.add(new String[] {
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))});
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty("BATON_TEST_HOOK_URL");
    System.clearProperty("BATON_TEST_HOOK_TOKEN");
  }

  private static void connector(Path dir) throws IOException {
    Files.writeString(dir.resolve("team.json"), """
        {"type": "webhook", "url": "${env:BATON_TEST_HOOK_URL}",
         "headers": {"Authorization": "Bearer ${env:BATON_TEST_HOOK_TOKEN}"},
         "body_template": "{\\"text\\": {{message}}}"}
        """);
  }

  @Test
  void webhookChannelPostsTheMessageWithItsSecretHeader(@TempDir Path dir) throws Exception {
    connector(dir);
    System.setProperty("BATON_TEST_HOOK_URL",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    System.setProperty("BATON_TEST_HOOK_TOKEN", "s3cret");

    new Notifier(dir).send(List.of("log", "team"), "Approval \"Sign off\" escalated");

    String[] request = received.poll(5, TimeUnit.SECONDS);
    assertThat(request).as("the webhook was called").isNotNull();
    assertThat(request[0]).isEqualTo("{\"text\": \"Approval \\\"Sign off\\\" escalated\"}");
    assertThat(request[1]).isEqualTo("Bearer s3cret");
  }

  @Test
  void channelWithoutItsSecretSendsNothing(@TempDir Path dir) throws Exception {
    connector(dir);
    new Notifier(dir).send(List.of("team", "unknown-channel"), "hello");
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }
}
