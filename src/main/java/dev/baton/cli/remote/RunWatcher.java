package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows a run until it ends: a line whenever the run or one of its nodes changes status (a
 * gate waiting names the command that decides it), then the run's summary.
 */
final class RunWatcher {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ApiClient api;
  private final PrintWriter out;
  private final Duration interval;
  private final Clock clock;

  RunWatcher(ApiClient api, PrintWriter out, Duration interval, Clock clock) {
    this.api = api;
    this.out = out;
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * @param timeout how long to watch at most; null for as long as it takes
   * @return the run's exit code ({@link RunView#exitCode}), or {@link ExitCode#STILL_RUNNING}
   */
  int watch(String runId, Duration timeout) {
    Instant until = timeout == null ? Instant.MAX : clock.instant().plus(timeout);
    Map<String, String> seen = new HashMap<>();
    String runStatus = null;
    while (true) {
      JsonNode run = api.get("/api/workflows/runs/" + Paths.segment(runId));
      for (JsonNode node : run.path("nodes")) {
        String id = node.path("id").asText();
        String status = node.path("status").asText();
        if (!status.equals(seen.put(id, status)) && !status.equals("pending")) {
          line(id + " " + status + detail(node, runId));
        }
      }
      String status = run.path("status").asText();
      if (!status.equals(runStatus)) {
        line("run " + status);
        runStatus = status;
      }
      if (RunView.ended(run)) {
        out.println();
        RunView.print(run, false, out);
        return RunView.exitCode(run);
      }
      if (!clock.instant().isBefore(until)) {
        line("still " + status + " after " + timeout.toSeconds() + " s; baton runs watch "
            + runId + " goes on following it");
        return ExitCode.STILL_RUNNING;
      }
      sleep();
    }
  }

  private static String detail(JsonNode node, String runId) {
    String status = node.path("status").asText();
    if (status.equals("waiting_approval")) {
      return ": decide with baton approvals list, then baton approvals approve|reject <id>";
    }
    return node.hasNonNull("error") ? ": " + node.path("error").asText() : "";
  }

  private void line(String text) {
    LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault())
        .truncatedTo(ChronoUnit.SECONDS);
    out.println(TIME.format(now) + "  " + text);
    out.flush();
  }

  private void sleep() {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted", ExitCode.STILL_RUNNING, null);
    }
  }
}
