package dev.baton.it;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a random port with its in-process
 * worker and job executor, on H2 or PostgreSQL (see {@link TestDatabase}), driven over real
 * HTTP. Every subclass shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(DatabaseAvailable.class)
public abstract class IntegrationTest {

  private static final String URL = TestDatabase.url();

  @LocalServerPort
  protected int port;

  @Autowired
  private com.fasterxml.jackson.databind.ObjectMapper json;

  @Autowired
  private org.camunda.bpm.engine.ProcessEngine engine;

  /**
   * Tests with settings of their own run in an application context of their own, in this same
   * JVM, each with an engine called "default". Camunda's REST API and webapps find the engine
   * by that name in a static registry, where the last one started wins: each test points it
   * at its own context's engine.
   */
  @org.junit.jupiter.api.BeforeEach
  void useThisContextsEngine() {
    org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", TestDatabase::user);
    registry.add("spring.datasource.password", TestDatabase::password);
    // visible overlap of parallel branches, while keeping the suite fast
    registry.add("baton.llm.simulated.latency-ms", () -> "150");
    // the tests send wrong passwords on purpose from one address (FailedLoginsTest covers it)
    registry.add("baton.security.max-failed-logins", () -> "100000");
  }

  protected ApiClient api() {
    return new ApiClient(port, "demo", "demo");
  }

  protected ApiClient api(String user, String password) {
    return new ApiClient(port, user, password);
  }
}
