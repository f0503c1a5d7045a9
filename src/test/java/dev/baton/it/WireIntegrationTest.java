package dev.baton.it;

import dev.baton.llm.wire.WireServer;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Integration tests whose catalogue has models served by the local {@link WireServer}, through
 * langchain4j's real OpenAI and Anthropic clients. The server lives as long as the JVM (the
 * application context is cached across test classes). Every model named here is one wire
 * model, so tests script them independently. The worker runs one task at a time with a short
 * lock (2 s), so that lock extension and lock loss can be observed deterministically.
 */
public abstract class WireIntegrationTest extends IntegrationTest {

  protected static final WireServer WIRE = WireServer.start();

  /** Catalogue name -> [provider, wire model, timeout]. */
  static final Map<String, List<String>> MODELS = Map.ofEntries(
      Map.entry("wire-ok", List.of("wire-openai", "it-ok", "5s")),
      Map.entry("wire-anthropic-ok", List.of("wire-anthropic", "it-anthropic-ok", "5s")),
      Map.entry("wire-429", List.of("wire-openai", "it-429", "5s")),
      Map.entry("wire-500", List.of("wire-openai", "it-500", "5s")),
      Map.entry("wire-401", List.of("wire-openai", "it-401", "5s")),
      Map.entry("wire-401-anthropic", List.of("wire-anthropic", "it-401-anthropic", "5s")),
      Map.entry("wire-malformed", List.of("wire-openai", "it-malformed", "5s")),
      Map.entry("wire-timeout", List.of("wire-openai", "it-timeout", "1s")),
      Map.entry("wire-slow", List.of("wire-openai", "it-slow", "20s")),
      Map.entry("wire-json", List.of("wire-openai", "it-json", "5s")),
      Map.entry("wire-journal", List.of("wire-openai", "it-journal", "60s")),
      Map.entry("wire-outage", List.of("wire-openai", "it-outage", "5s")),
      Map.entry("wire-policy", List.of("wire-openai", "it-policy", "5s")),
      Map.entry("wire-keyed", List.of("wire-keyed", "it-keyed", "5s")),
      Map.entry("wire-keyed-outage", List.of("wire-keyed", "it-keyed-outage", "5s")));

  /**
   * A database of its own: the plain integration-test context (cached, its worker still
   * polling) would otherwise share the database, fetch these tests' agent tasks and fail them
   * for a model it does not know - two Baton nodes with different catalogues on one database.
   */
  private static final String OWN_URL = ClusterDatabases.url("wire");

  @DynamicPropertySource
  static void wireModels(DynamicPropertyRegistry registry) {
    // bound onto the pool after spring.datasource.url (which the base class sets), so it wins
    registry.add("spring.datasource.hikari.jdbc-url", () -> OWN_URL);
    registry.add("baton.worker.max-concurrent", () -> "1");
    registry.add("baton.worker.lock-duration", () -> "2s");
    registry.add("baton.worker.retry-backoff", () -> "300ms");
    for (String provider : List.of("wire-openai", "wire-anthropic")) {
      String p = "baton.llm.providers." + provider + ".";
      registry.add(p + "type", () -> provider.substring("wire-".length()));
      registry.add(p + "base-url", () -> provider.endsWith("openai") ? WIRE.openAiBaseUrl()
          : WIRE.anthropicBaseUrl());
      // a local server: no key (key handling is tested in ProviderWireTest)
      registry.add(p + "api-key-env", () -> "");
      registry.add(p + "retry.max-attempts", () -> "2");
      registry.add(p + "retry.initial-backoff", () -> "50ms");
      registry.add(p + "retry.max-retry-after", () -> "5s");
      registry.add(p + "circuit-breaker.minimum-calls", () -> "50");
      registry.add(p + "circuit-breaker.sliding-window", () -> "50");
      registry.add(p + "limits.requests-per-minute", () -> "1000");
      registry.add(p + "limits.max-concurrent", () -> "10");
    }
    MODELS.forEach((name, entry) -> {
      String m = "baton.llm.models." + name + ".";
      registry.add(m + "provider", () -> entry.get(0));
      registry.add(m + "model", () -> entry.get(1));
      registry.add(m + "timeout", () -> entry.get(2));
      registry.add(m + "prices.input-per-1k", () -> "0.002");
      registry.add(m + "prices.output-per-1k", () -> "0.008");
      registry.add(m + "prices.cached-input-per-1k", () -> "0.001");
    });
    // a provider whose key comes from the environment (set by the failsafe configuration)
    registry.add("baton.llm.providers.wire-keyed.type", () -> "openai");
    registry.add("baton.llm.providers.wire-keyed.base-url", WIRE::openAiBaseUrl);
    registry.add("baton.llm.providers.wire-keyed.api-key-env", () -> "BATON_WIRE_TEST_KEY");
    registry.add("baton.llm.providers.wire-keyed.retry.max-attempts", () -> "2");
    registry.add("baton.llm.providers.wire-keyed.retry.initial-backoff", () -> "50ms");
    // models whose provider stays down: their tasks wait this long, then become incidents
    for (String down : List.of("wire-500", "wire-outage", "wire-keyed-outage")) {
      registry.add("baton.llm.models." + down + ".patience", () -> "2s");
    }
    // a breaker that opens after two failed calls and stays open
    String outage = "baton.llm.models.wire-outage.circuit-breaker.";
    registry.add(outage + "minimum-calls", () -> "2");
    registry.add(outage + "sliding-window", () -> "2");
    registry.add(outage + "open-for", () -> "10m");
  }
}
