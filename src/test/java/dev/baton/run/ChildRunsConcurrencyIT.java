package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.it.IntegrationTest;
import dev.baton.security.Caller;
import dev.baton.security.UserCallers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Parallel branches of one run starting children at the same moment: the database's row lock,
 * not this JVM, decides, so no more children than the limit are started, and a request replayed
 * in parallel starts one child.
 */
class ChildRunsConcurrencyIT extends IntegrationTest {

  @Autowired
  ChildRuns children;

  @Autowired
  UserCallers users;

  @Autowired
  JdbcTemplate jdbc;

  private String parentRun() {
    var deployed = api().post("/api/workflows", Map.of("slug", "race-leaf", "spec", Map.of(
        "metadata", Map.of("name", "Race leaf"),
        "nodes", List.of(Map.of("id", "work", "type", "agent_task", "agent_type", "docs")))));
    assertThat(deployed.status()).as(deployed.body()).isIn(200, 201);
    return api("alice", "alice").startRun("race-leaf", Map.of());
  }

  private static <T> List<Future<T>> together(int n, java.util.function.IntFunction<T> work)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<T>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      tasks.add(() -> {
        go.await();
        return work.apply(index);
      });
    }
    List<Future<T>> futures = new ArrayList<>();
    tasks.forEach(t -> futures.add(pool.submit(t)));
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    return futures;
  }

  @Test
  void parallelStartsPassTheCountOnlyUpToTheLimit() throws Exception {
    String parent = parentRun();
    Caller alice = users.of("alice").orElseThrow();
    AtomicInteger refused = new AtomicInteger();
    Set<String> started = ConcurrentHashMap.newKeySet();
    together(6, i -> {
      try {
        started.add(children.start(alice, new ChildRuns.Parent(parent, "work", "task-" + i,
            "key-" + i), "race-leaf", null, new TreeLimits(2, 3, 20)).runId());
      } catch (ChildRunRefusedException e) {
        refused.incrementAndGet();
      }
      return null;
    });
    assertThat(started).hasSize(3);
    assertThat(refused.get()).isEqualTo(3);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_run_link WHERE parent_run_id = ?",
        Integer.class, parent)).isEqualTo(3);
    assertThat(jdbc.queryForObject("SELECT children FROM baton_run_family WHERE run_id = ?",
        Integer.class, parent)).isEqualTo(3);
  }

  @Test
  void aRequestReplayedInParallelStartsOneChild() throws Exception {
    String parent = parentRun();
    Caller alice = users.of("alice").orElseThrow();
    List<Future<ChildRuns.Child>> results = together(4, i -> children.start(alice,
        new ChildRuns.Parent(parent, "work", "task-1", "same-request"), "race-leaf", null,
        new TreeLimits(2, 5, 20)));
    Set<String> ids = ConcurrentHashMap.newKeySet();
    int replays = 0;
    for (Future<ChildRuns.Child> f : results) {
      ChildRuns.Child child = f.get();
      ids.add(child.runId());
      replays += child.alreadyStarted() ? 1 : 0;
    }
    assertThat(ids).hasSize(1);
    assertThat(replays).isEqualTo(3);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_run_link WHERE parent_run_id = ?",
        Integer.class, parent)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE "
        + "PROC_DEF_KEY_ = 'race-leaf' AND START_USER_ID_ = 'alice' AND ID_ IN "
        + "(SELECT child_run_id FROM baton_run_link WHERE parent_run_id = ?)", Integer.class,
        parent)).isEqualTo(1);
  }

  @Autowired
  dev.baton.budget.RunBudgets budgets;

  @Test
  void aRestartedChildKeepsItsPlaceInTheTree() {
    String parent = parentRun();
    Caller alice = users.of("alice").orElseThrow();
    String child = children.start(alice, new ChildRuns.Parent(parent, "work", "task-r", "r"),
        "race-leaf", null, new TreeLimits(2, 5, 20)).runId();
    // what a retry of an ended child does (GateCommandGuard): the budget, and the place
    String restarted = "restarted-" + child;
    budgets.carryOver(child, restarted);
    budgets.carryOver(child, restarted); // once only
    assertThat(children.parentOf(restarted)).contains(parent);
    assertThat(jdbc.queryForList("SELECT ancestor_run_id FROM baton_run_ancestor "
        + "WHERE run_id = ?", String.class, restarted)).containsExactly(parent);
    assertThat(jdbc.queryForObject("SELECT depth FROM baton_run_family WHERE run_id = ?",
        Integer.class, restarted)).isEqualTo(1);
    // no new start by an agent: the parent's count is unchanged
    assertThat(jdbc.queryForObject("SELECT children FROM baton_run_family WHERE run_id = ?",
        Integer.class, parent)).isEqualTo(1);
  }
}
