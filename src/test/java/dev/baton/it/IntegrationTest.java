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

  /** What {@code baton <args>} printed, and its exit code. */
  protected record CliResult(int code, String out, String err) {}

  /**
   * Runs the command line as a demo user (password = user name) against this server, with
   * the credentials in a private config file, as a user would keep them.
   */
  protected CliResult runCli(String user, String... args) {
    try {
      java.nio.file.Path config = java.nio.file.Files.createTempFile("baton-cli", ".properties");
      java.nio.file.Files.writeString(config, "server=http://localhost:" + port + "\nuser="
          + user + "\npassword=" + user + "\n");
      java.nio.file.Files.setPosixFilePermissions(config,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
          java.util.stream.Stream.of("--config", config.toString())).toArray(String[]::new);
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      int code = new picocli.CommandLine(new dev.baton.cli.BatonCommand())
          .setOut(new java.io.PrintWriter(out)).setErr(new java.io.PrintWriter(err))
          .execute(all);
      java.nio.file.Files.delete(config);
      return new CliResult(code, out.toString(), err.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
