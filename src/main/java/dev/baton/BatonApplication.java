package dev.baton;

import dev.baton.cli.BatonCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Baton: JSON DAG workflow specs compiled to BPMN and run on Camunda 7. */
@SpringBootApplication
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
