package dev.baton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Baton: JSON DAG workflow specs compiled to BPMN and run on Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonApplication {

  public static void main(String[] args) {
    SpringApplication.run(BatonApplication.class, args);
  }
}
