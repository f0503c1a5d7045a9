package dev.baton.governance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Lays the governance policy file over Baton's settings before anything reads them: its
 * values beat {@code application.yml}, while environment variables, system properties and
 * command-line arguments still beat the policy (a deployment's own overrides stay in charge,
 * and tests set theirs). A file that is missing is no policy, unless it was named explicitly;
 * one that is invalid stops the start with every problem listed.
 */
public class PolicyEnvironment implements EnvironmentPostProcessor, Ordered {

  /** The property naming the file; the default is {@value PolicyFile#DEFAULT_LOCATION}. */
  static final String FILE_PROPERTY = "baton.governance.policy-file";
  static final String SOURCE_NAME = "batonGovernancePolicy";

  private final Log log;

  public PolicyEnvironment(DeferredLogFactory logs) {
    this.log = logs.getLog(PolicyEnvironment.class);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment,
      SpringApplication application) {
    PolicyFile.Read policy = layOver(environment);
    if (policy != null) {
      log.info("governance policy " + environment.getProperty("baton.governance.source")
          + (policy.name() == null ? "" : " (" + policy.name() + ")") + " sets "
          + String.join(", ", policy.settings().keySet()));
    }
  }

  /**
   * Reads the policy file the environment names (or the default one) and puts its settings
   * above the config files; also what the offline command line does.
   *
   * @return what was read, or null when there is no policy file
   * @throws InvalidPolicyException when the file is not valid, or was named and is missing
   */
  public static PolicyFile.Read layOver(ConfigurableEnvironment environment) {
    String named = environment.getProperty(FILE_PROPERTY);
    Path file = Path.of(named == null || named.isBlank() ? PolicyFile.DEFAULT_LOCATION : named);
    if (!Files.isRegularFile(file)) {
      if (named != null && !named.isBlank()) {
        throw new InvalidPolicyException(file, java.util.List.of("no such file (named by "
            + FILE_PROPERTY + ")"));
      }
      return null;
    }
    PolicyFile.Read policy = PolicyFile.read(file);
    Map<String, Object> settings = new LinkedHashMap<>(policy.settings());
    settings.put("baton.governance.source", file.toAbsolutePath().normalize().toString());
    if (policy.name() != null) {
      settings.put("baton.governance.name", policy.name());
    }
    MapPropertySource source = new MapPropertySource(SOURCE_NAME, settings);
    var sources = environment.getPropertySources();
    if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
      sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
    } else {
      sources.addFirst(source);
    }
    return policy;
  }

  /** After the config files are loaded, so that the policy can be placed above them. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
