package dev.baton.it;

import dev.baton.BatonApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Baton application (engine, /api, worker; not the webapps, not /engine-rest) started in this JVM on a given
 * database, as one engine node of a cluster or as the same node after a restart. Settings are command-line arguments, so that
 * they override application.yml.
 */
final class EngineNode {

  private EngineNode() {}

  /** @param settings further {@code --name=value} arguments */
  static ConfigurableApplicationContext start(String name, String url, String... settings) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + TestDatabase.user(),
        "--spring.datasource.password=" + TestDatabase.password(),
        "--spring.jmx.enabled=false",
        "--camunda.bpm.process-engine-name=" + name,
        "--baton.node-id=" + name,
        // no webapps and no /engine-rest (the tests use /api): Camunda's webapp filters and
        // the REST API's long-poll handler are static, one per JVM. A second application
        // would take them over, and closing it would leave the other test contexts' Tasklist
        // answering 500 and their long-polling fetches unanswered
        "--spring.autoconfigure.exclude="
            + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
            + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration"));
    args.addAll(List.of(settings));
    return new SpringApplicationBuilder(BatonApplication.class).run(args.toArray(String[]::new));
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
