package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.connector.Connectors;
import dev.baton.it.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Several engine nodes seeding one database at once: each is a seeder of its own (as each JVM
 * has one), all start together, and every default ends up exactly once. Runs on H2 and on
 * PostgreSQL.
 */
class RegistrySeedingIT extends IntegrationTest {

  @Autowired
  AgentRepository agents;
  @Autowired
  ToolRepository tools;
  @Autowired
  AgentToolRepository assignments;
  @Autowired
  Connectors connectors;
  @Autowired
  PlatformTransactionManager transactions;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void concurrentSeedersCreateEachDefaultOnce() throws Exception {
    // the one default without tool assignments: remove it, then let four "nodes" seed at once
    jdbc.update("DELETE FROM baton_agent WHERE slug = 'custom'");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Void>> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RegistrySeeder seeder = new RegistrySeeder(agents, tools, assignments, connectors,
          transactions);
      nodes.add(() -> {
        seeder.ensureSeeded();
        return null;
      });
    }
    for (Future<Void> node : pool.invokeAll(nodes)) {
      node.get(); // none of them failed
    }
    pool.shutdown();
    for (String slug : List.of("planner", "builder", "qa", "docs", "governance", "cost",
        "integration", "custom")) {
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_agent WHERE slug = ?",
          Integer.class, slug)).as(slug).isEqualTo(1);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_tool WHERE slug = 'http'",
        Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_agent_tool at JOIN baton_agent a "
        + "ON a.id = at.agent_id WHERE a.slug = 'integration'", Integer.class)).isEqualTo(3);
  }
}
