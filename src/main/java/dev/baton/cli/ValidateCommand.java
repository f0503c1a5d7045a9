package dev.baton.cli;

import dev.baton.workflow.SpecChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks spec files and lists every problem; exit code 1 when any has an error. */
@Command(name = "validate", description = "Check workflow spec files and list every problem.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "spec files (JSON)")
  List<Path> files;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean ok = true;
    SpecChecks checks = Installation.checks();
    for (Path file : files) {
      SpecChecks.Report report = SpecFile.read(checks, file, spec.commandLine().getErr());
      if (report.valid()) {
        spec.commandLine().getOut().printf("%s: valid (%d warning(s))%n", file,
            report.warnings().size());
      }
      ok &= report.valid();
    }
    return ok ? 0 : 1;
  }
}
