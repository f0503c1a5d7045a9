package dev.baton.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.it.IntegrationTest;
import dev.baton.registry.ToolInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tool's hourly limit is counted in the database under a row lock: concurrent admissions
 * (as several engine nodes would make them) never let more calls through than the limit. Runs
 * on H2 and on PostgreSQL.
 */
class ToolRateLimitIT extends IntegrationTest {

  @Autowired
  ToolCallLog log;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void concurrentCallsNeverExceedTheHourlyLimit() throws Exception {
    String slug = "limited-" + System.nanoTime() % 100000;
    jdbc.update("INSERT INTO baton_tool (slug, title, category, connector, config, auth_required,"
        + " rate_limit_per_hour, cost_per_use_usd, created_at) VALUES (?, ?, 'integration', "
        + "'http', '{}', FALSE, 5, 0, ?)", slug, slug, java.sql.Timestamp.from(Instant.now()));
    ToolInfo tool = new ToolInfo(0, slug, slug, "integration", "http", null, false, 5,
        BigDecimal.ZERO);
    ToolContext context = new ToolContext("run-x", "wf", "default", "node", "task", "agent", "custom",
        Map.of(slug, List.of("read")), List.of(slug), 10, 20);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Long>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      attempts.add(() -> log.admit(tool, "get", context));
    }
    long admitted = 0;
    for (Future<Long> f : pool.invokeAll(attempts)) {
      if (f.get() != null) {
        admitted++;
      }
    }
    pool.shutdown();
    assertThat(admitted).isEqualTo(5);
    assertThat(log.countSince(slug, Instant.now().minusSeconds(3600))).isEqualTo(5);
    Integer limited = jdbc.queryForObject("SELECT COUNT(*) FROM baton_tool_call WHERE tool_slug "
        + "= ? AND outcome = 'rate_limited'", Integer.class, slug);
    assertThat(limited).isEqualTo(15);
  }
}
