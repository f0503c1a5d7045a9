package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton runs start|show|watch|abort|retry|list|replay}: runs on a server. */
@Command(name = "runs", description = "Start, follow and manage runs.",
    subcommands = {RunsCommand.Start.class, RunsCommand.Show.class, RunsCommand.Watch.class,
        RunsCommand.Abort.class, RunsCommand.Retry.class, RunsCommand.List.class,
        RunsCommand.Replay.class})
public final class RunsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options of the commands that follow a run to its end. */
  static final class Following {
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT1S",
        description = "how often to look, as an ISO-8601 duration (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--timeout", paramLabel = "DURATION",
        description = "give up after this long (exit code 7), e.g. PT10M; default: never")
    Duration timeout;

    int follow(ApiClient api, java.io.PrintWriter out, String runId) {
      return new RunWatcher(api, out, interval, Clock.systemUTC()).watch(runId, timeout);
    }
  }

  @Command(name = "start", description = "Start a run of a workflow; prints its id "
      + "(with --watch, follows it and exits 0 when it completed, 1 when it failed).")
  static final class Start extends RemoteCommand {
    @Parameters(paramLabel = "WORKFLOW", description = "workflow id (slug)")
    String workflow;

    @Option(names = "--input", paramLabel = "JSON", description = "the run's input_data, "
        + "a JSON object, e.g. '{\"task\": \"Build a todo app\"}'")
    String input;

    @Option(names = "--input-file", paramLabel = "FILE", description = "input_data from a file")
    Path inputFile;

    @Option(names = "--priority", description = "-1000..1000; higher runs first")
    Integer priority;

    @Option(names = "--watch", description = "follow the run until it ends")
    boolean watch;

    @CommandLine.ArgGroup(exclusive = false)
    Following following = new Following();

    @Override
    int run(ApiClient api) {
      ObjectNode body = api.json().createObjectNode();
      body.set("input_data", input(api));
      if (priority != null) {
        body.put("priority", priority);
      }
      JsonNode started = api.post("/api/workflows/" + Paths.segment(workflow) + "/runs", body);
      String runId = started.path("id").asText();
      if (json && !watch) {
        return printJson(api, started);
      }
      out().println(runId);
      out().flush();
      return watch ? following.follow(api, out(), runId) : ExitCode.OK;
    }

    private JsonNode input(ApiClient api) {
      if (input != null && inputFile != null) {
        throw new ApiException("give --input or --input-file, not both", ExitCode.USAGE, null);
      }
      String text = inputFile != null ? SpecFiles.read(inputFile) : input;
      if (text == null) {
        return api.json().createObjectNode();
      }
      try {
        JsonNode node = api.json().readTree(text);
        if (node == null || !node.isObject()) {
          throw new ApiException("the input must be a JSON object, e.g. '{\"task\": \"...\"}'",
              ExitCode.USAGE, null);
        }
        return node;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new ApiException("the input is not JSON: " + e.getOriginalMessage(),
            ExitCode.USAGE, null);
      }
    }
  }

  @Command(name = "show", description = "A run's status, spend and nodes.")
  static final class Show extends RemoteCommand {
    @Parameters(paramLabel = "RUN", description = "run id")
    String runId;

    @Option(names = {"-v", "--verbose"}, description = "also each node's output and audit")
    boolean verbose;

    @Override
    int run(ApiClient api) {
      JsonNode run = api.get("/api/workflows/runs/" + Paths.segment(runId));
      if (json) {
        return printJson(api, run);
      }
      RunView.print(run, verbose, out());
      return ExitCode.OK;
    }
  }

  @Command(name = "watch", description = "Follow a run until it ends: exit code 0 when it "
      + "completed, 1 when it failed or was aborted, 7 when --timeout ran out.")
  static final class Watch extends RemoteCommand {
    @Parameters(paramLabel = "RUN", description = "run id")
    String runId;

    @CommandLine.ArgGroup(exclusive = false)
    Following following = new Following();

    @Override
    int run(ApiClient api) {
      return following.follow(api, out(), runId);
    }
  }

  @Command(name = "abort", description = "Stop a run; nothing more is spent on it.")
  static final class Abort extends RemoteCommand {
    @Parameters(paramLabel = "RUN", description = "run id")
    String runId;

    @Option(names = "--reason", description = "why, for the run's record")
    String reason;

    @Override
    int run(ApiClient api) {
      JsonNode run = api.post("/api/workflows/runs/" + Paths.segment(runId) + "/abort",
          api.json().createObjectNode().put("reason", reason));
      if (json) {
        return printJson(api, run);
      }
      out().println(run.path("id").asText() + ": " + run.path("status").asText());
      out().flush();
      return ExitCode.OK;
    }
  }

  @Command(name = "retry", description = "Retry a failed run from where it failed; a run "
      + "that had ended continues as a new run, whose id is printed.")
  static final class Retry extends RemoteCommand {
    @Parameters(paramLabel = "RUN", description = "run id")
    String runId;

    @Override
    int run(ApiClient api) {
      JsonNode run = api.post("/api/workflows/runs/" + Paths.segment(runId) + "/retry", null);
      if (json) {
        return printJson(api, run);
      }
      String id = run.path("id").asText();
      out().println(id.equals(runId) ? id + ": " + run.path("status").asText()
          : id + ": " + run.path("status").asText() + " (a new run, retried from " + runId + ")");
      out().flush();
      return ExitCode.OK;
    }
  }

  @Command(name = "replay", description = "Replay a run against a changed spec or changed "
      + "prompts, from its recorded replies: a line per node (same, prompt_changed, new, "
      + "removed, skipped, path_changed, ...) and the prompt diffs. A dry run: no model is "
      + "called, nothing is written. Exit code 0 whatever the differences.")
  static final class Replay extends RemoteCommand {
    @Parameters(paramLabel = "RUN", description = "run id")
    String runId;

    @Option(names = "--spec", paramLabel = "FILE", description = "the changed spec (JSON); "
        + "default: the run's own")
    Path specFile;

    @Option(names = "--prompt", paramLabel = "NODE=FILE", description = "a new prompt for an "
        + "agent node, read from FILE (repeatable)")
    Map<String, Path> prompts = new LinkedHashMap<>();

    @Override
    int run(ApiClient api) {
      ObjectNode body = api.json().createObjectNode();
      if (specFile != null) {
        String text = SpecFiles.read(specFile);
        try {
          body.set("spec", api.json().readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new ApiException(specFile + " is not JSON: " + e.getOriginalMessage(),
              ExitCode.USAGE, null);
        }
      }
      if (!prompts.isEmpty()) {
        ObjectNode given = body.putObject("prompts");
        prompts.forEach((node, file) -> given.put(node, SpecFiles.read(file)));
      }
      JsonNode report = api.post("/api/workflows/runs/" + Paths.segment(runId) + "/replay",
          body);
      if (json) {
        return printJson(api, report);
      }
      ReplayView.print(report, out());
      return ExitCode.OK;
    }
  }

  @Command(name = "list", description = "Runs you may read, newest first.")
  static final class List extends RemoteCommand {
    @Option(names = "--workflow", description = "only this workflow's")
    String workflow;

    @Option(names = "--state", description = "active or ended")
    String state;

    @Option(names = "--status", description = "only runs in this status (running, "
        + "waiting_approval, failed, completed, aborted), filtered on the page")
    String status;

    @Option(names = "--started-by", paramLabel = "USER", description = "only this user's")
    String startedBy;

    @Option(names = "--since", paramLabel = "DURATION|INSTANT",
        description = "started within the last DURATION (PT1H) or after INSTANT")
    String since;

    @Option(names = "--page", defaultValue = "0", description = "page, from 0")
    int page;

    @Option(names = "--size", defaultValue = "20", description = "runs per page (1-200)")
    int size;

    @Override
    int run(ApiClient api) {
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("workflow", workflow);
      query.put("state", state);
      query.put("started_by", startedBy);
      query.put("started_after", since == null ? null : instant(since));
      query.put("page", page);
      query.put("size", size);
      JsonNode result = api.get("/api/workflows/runs", query);
      if (json) {
        return printJson(api, result);
      }
      Table table = new Table("RUN", "WORKFLOW", "STATUS", "STARTED BY", "STARTED", "ENDED",
          "TRACE");
      for (JsonNode r : result.path("runs")) {
        if (status != null && !status.equals(r.path("status").asText())) {
          continue;
        }
        table.row(r.path("run_id").asText(), r.path("workflow_id").asText() + " v"
                + r.path("workflow_version").asInt(), r.path("status").asText(),
            r.path("started_by").asText(null), r.path("started_at").asText(null),
            r.path("ended_at").asText(null), r.path("trace_id").asText(null));
      }
      table.print(out());
      long total = result.path("total").asLong();
      long pages = Math.max(1, (total + size - 1) / size);
      out().printf("page %d of %d, %d run(s) in all (--page counts from 0)%n", page + 1, pages,
          total);
      out().flush();
      return ExitCode.OK;
    }

    private static Instant instant(String since) {
      try {
        return since.startsWith("P") ? Instant.now().minus(Duration.parse(since))
            : Instant.parse(since);
      } catch (RuntimeException e) {
        throw new ApiException("--since '" + since + "' is neither a duration (PT1H, P2D) nor "
            + "an instant (2026-12-01T00:00:00Z)", ExitCode.USAGE, null);
      }
    }
  }
}
