package dev.baton.cli;

import dev.baton.compile.BpmnCompiler;
import dev.baton.compile.CompiledWorkflow;
import dev.baton.workflow.SpecChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Compiles one spec to a {@code .bpmn} file that Camunda Modeler opens. */
@Command(name = "compile", description = "Compile a workflow spec to BPMN (with diagram).")
final class CompileCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SPEC", description = "the spec file (JSON)")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "where to write the BPMN (default: SPEC with .bpmn)")
  Path output;

  @Option(names = "--key", paramLabel = "KEY",
      description = "process key (default: the file name, as deployment does)")
  String key;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SpecChecks.Report report = SpecFile.read(Installation.checks(), file,
        spec.commandLine().getErr());
    if (!report.valid()) {
      return 1;
    }
    String processKey = key == null ? SpecFile.slugOf(file) : key;
    CompiledWorkflow compiled = new BpmnCompiler().compile(processKey, null, null,
        report.spec(), report.agents());
    Path target = output != null ? output
        : file.resolveSibling(SpecFile.slugOf(file) + ".bpmn");
    Files.writeString(target, compiled.bpmnXml());
    spec.commandLine().getOut().printf("%s -> %s (process %s)%n", file, target, processKey);
    return 0;
  }
}
