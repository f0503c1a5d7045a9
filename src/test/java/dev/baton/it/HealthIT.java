package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /actuator/health} as a load balancer, Kubernetes and an operator read it: probes for
 * everyone, Baton's components (the worker, the budget table, the providers' circuits) for
 * operators, and an open circuit shown as DEGRADED without taking the node out of service.
 */
class HealthIT extends IntegrationTest {

  @Autowired
  private CircuitBreakerRegistry breakers;

  @Test
  void probesForEveryoneComponentsForOperators() {
    ApiClient anonymous = ApiClient.anonymous(port);
    for (String probe : new String[] {"/actuator/health/readiness", "/actuator/health/liveness"}) {
      var reply = anonymous.get(probe);
      assertThat(reply.status()).as(probe + ": " + reply.body()).isEqualTo(200);
      assertThat(reply.json().path("status").asText()).isEqualTo("UP");
    }

    JsonNode components = api("bob", "bob").get("/actuator/health").json().path("components");
    assertThat(components.path("worker").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("worker").path("details").path("slots").asInt()).isPositive();
    assertThat(components.path("budgetTable").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("budgetTable").path("details").path("version").asInt())
        .isPositive();
    assertThat(components.path("providers").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void anOpenProviderCircuitIsDegradedNotDown() {
    String name = "health-it-provider";
    breakers.circuitBreaker(name).transitionToOpenState();
    try {
      var health = api("bob", "bob").get("/actuator/health");
      assertThat(health.status()).as("a node whose provider is down still serves").isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
      JsonNode providers = health.json().path("components").path("providers");
      assertThat(providers.path("status").asText()).isEqualTo("DEGRADED");
      assertThat(providers.path("details").path("circuits").path(name).path("state").asText())
          .isEqualTo("open");
      // the node may still take work: its tasks for that provider wait
      assertThat(ApiClient.anonymous(port).get("/actuator/health/readiness").json()
          .path("status").asText()).isEqualTo("UP");
    } finally {
      breakers.remove(name);
    }
  }
}
