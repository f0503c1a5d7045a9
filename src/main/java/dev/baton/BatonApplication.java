package dev.baton;

import dev.baton.cli.BatonCommand;
import dev.baton.cluster.RoleFilter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** Baton: JSON DAG workflow specs compiled to BPMN and run on Camunda 7. */
// @SpringBootApplication plus the role filter: a worker-only process (baton.role=worker) scans
// no component that needs an engine
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = RoleFilter.class)})
@ConfigurationPropertiesScan
public class BatonApplication {

  /**
   * Starts the platform, or runs a command-line tool when the first argument names one
   * ({@code validate}, {@code compile}, {@code help}); tools need no engine and start fast.
   */
  public static void main(String[] args) {
    if (args.length > 0 && BatonCommand.COMMANDS.contains(args[0])) {
      System.exit(BatonCommand.run(args));
    }
    SpringApplication.run(BatonApplication.class, args);
  }
}
