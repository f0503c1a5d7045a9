package dev.baton.bench;

import dev.baton.compile.BpmnCompiler;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.spec.WorkflowSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * Compile time (read + check + plan + layout + write) of 10-, 100- and 1,000-node specs,
 * against a baseline measured in the same run: Camunda's own parse of the BPMN that comes out,
 * which is the least any deployment of it costs the engine.
 */
class CompileBenchmark {

  private static final int WARMUP = 5;
  private static final int ROUNDS = 15;

  @Test
  void compileTimes() throws Exception {
    BenchmarkReport report = new BenchmarkReport("compile", "Compile time",
        "spec", "nodes", "BPMN size", "compile (median)", "compile (p95)",
        "baseline: Camunda parses the BPMN (median)", "compile / parse");
    SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);
    BpmnCompiler compiler = new BpmnCompiler();
    for (int size : new int[] {10, 100, 1000}) {
      String json = SpecGenerator.mixed(size);
      List<Double> compile = new ArrayList<>();
      List<Double> parse = new ArrayList<>();
      String xml = null;
      for (int round = 0; round < WARMUP + ROUNDS; round++) {
        long start = System.nanoTime();
        WorkflowSpec spec = reader.read(json).orThrow();
        xml = compiler.compile("bench", spec).bpmnXml();
        long compiled = System.nanoTime();
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        long parsed = System.nanoTime();
        if (round >= WARMUP) {
          compile.add((compiled - start) / 1e6);
          parse.add((parsed - compiled) / 1e6);
        }
      }
      double c = BenchmarkReport.median(compile);
      double p = BenchmarkReport.median(parse);
      report.row("mixed (chain, 3-way fan-outs)", size, xml.length() / 1024 + " KiB",
          BenchmarkReport.ms(c), BenchmarkReport.ms(BenchmarkReport.percentile(compile, 95)),
          BenchmarkReport.ms(p), String.format("%.1f×", c / p));
    }
    report.note("Aim: 1,000 nodes compile in under 1 s. " + WARMUP + " warm-up rounds, then "
        + ROUNDS + " measured rounds per size, one JVM.");
    report.publish();
  }
}
