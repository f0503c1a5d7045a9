package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton traces show TRACE}: the runs of a trace id and their nodes' timeline. */
@Command(name = "traces", description = "From a trace id (a log line's trace=, a tracing "
    + "backend) to its runs.", subcommands = TracesCommand.Show.class)
public final class TracesCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** How {@code traces show} prints. */
  enum Format { table, json }

  @Command(name = "show", description = "The runs whose trace this is, oldest first, with "
      + "when each node started and how long it took.")
  static final class Show extends RemoteCommand {
    @Parameters(paramLabel = "TRACE", description = "trace id: 32 hex digits")
    String traceId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table or json (json: the API's reply, as --json)")
    Format format;

    @Override
    int run(ApiClient api) {
      JsonNode trace = api.get("/api/traces/" + Paths.segment(traceId));
      if (json || format == Format.json) {
        return printJson(api, trace);
      }
      for (JsonNode run : trace.path("runs")) {
        Instant start = instant(run.path("started_at"));
        out().printf("trace %s  run %s  %s v%d  %s  started %s%s%n", trace.path("trace_id")
            .asText(), run.path("id").asText(), run.path("workflow_id").asText(),
            run.path("workflow_version").asInt(), run.path("status").asText(),
            run.path("started_at").asText(), took(start, instant(run.path("ended_at"))));
        Table nodes = new Table("NODE", "TYPE", "STATUS", "AT", "TOOK", "VISITS");
        for (JsonNode node : run.path("nodes")) {
          Instant nodeStart = instant(node.path("started_at"));
          nodes.row(node.path("id").asText(), node.path("type").asText(),
              node.path("status").asText(), offset(start, nodeStart),
              duration(nodeStart, instant(node.path("ended_at"))), node.path("visits").asInt());
        }
        nodes.print(out());
      }
      out().flush();
      return ExitCode.OK;
    }

    private static String took(Instant start, Instant end) {
      String took = duration(start, end);
      return took.isEmpty() ? "" : ", took " + took;
    }

    /** When a node started, counted from the run's start: "+1.204s". */
    private static String offset(Instant runStart, Instant nodeStart) {
      return runStart == null || nodeStart == null ? ""
          : "+" + seconds(Duration.between(runStart, nodeStart));
    }

    private static String duration(Instant start, Instant end) {
      return start == null || end == null ? "" : seconds(Duration.between(start, end));
    }

    private static String seconds(Duration duration) {
      return String.format(java.util.Locale.ROOT, "%.3fs", duration.toMillis() / 1000.0);
    }

    private static Instant instant(JsonNode value) {
      try {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
      } catch (DateTimeParseException notATime) {
        return null;
      }
    }
  }
}
