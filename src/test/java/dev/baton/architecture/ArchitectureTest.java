package dev.baton.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, on the compiled main classes: no cycles among
 * Baton's packages; the spec format depends on nothing of Baton; the compiler only on the
 * spec and the engine contract; the model layer knows nothing of Camunda; the REST API reaches
 * state only through services. The package diagram in docs/architecture.md is generated here:
 * the test fails when it no longer matches the code (run with {@code -Dbaton.docs.write=true}
 * to rewrite it).
 */
class ArchitectureTest {

  private static final Path DOC = Path.of("docs/architecture.md");
  private static final String BEGIN = "<!-- package-diagram:begin (ArchitectureTest) -->";
  private static final String END = "<!-- package-diagram:end -->";
  private static final Pattern TOP = Pattern.compile("dev\\.baton\\.([a-z]+)(\\..*)?");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.baton");
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.baton.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theSpecFormatDependsOnNothingOfBaton() {
    noClasses().that().resideInAPackage("dev.baton.spec..")
        .should().dependOnClassesThat(resideInAPackage("dev.baton..")
            .and(describe("outside dev.baton.spec",
                c -> !c.getPackageName().startsWith("dev.baton.spec"))))
        .check(classes);
  }

  @Test
  void theCompilerDependsOnlyOnTheSpecAndTheContract() {
    noClasses().that().resideInAPackage("dev.baton.compile..")
        .should().dependOnClassesThat(resideInAPackage("dev.baton..")
            .and(describe("outside compile, spec and contract",
                c -> !c.getPackageName().startsWith("dev.baton.compile")
                    && !c.getPackageName().startsWith("dev.baton.spec")
                    && !c.getPackageName().startsWith("dev.baton.contract"))))
        .check(classes);
  }

  @Test
  void theModelLayerKnowsNothingOfCamunda() {
    noClasses().that().resideInAPackage("dev.baton.llm..")
        .should().dependOnClassesThat(resideInAPackage("org.camunda.."))
        .check(classes);
  }

  @Test
  void theApiReachesStateOnlyThroughServices() {
    noClasses().that().resideInAPackage("dev.baton.api..")
        .should().dependOnClassesThat(
            assignableTo("org.springframework.data.repository.Repository")
                .or(assignableTo("org.springframework.jdbc.core.JdbcOperations"))
                .or(assignableTo("javax.sql.DataSource"))
                .or(resideInAPackage("org.camunda.bpm.engine.impl.."))
                .or(describe("a Camunda engine service", c -> c.getPackageName()
                    .equals("org.camunda.bpm.engine") && c.isInterface()
                    && c.getSimpleName().endsWith("Service"))))
        .check(classes);
  }

  /**
   * Runs read money through the budget's report ({@code CostReport}) and set a run's budget in
   * force ({@code RunBudgets}); nothing else of the budget's insides.
   */
  @Test
  void runsUseTheBudgetThroughItsApi() {
    noClasses().that().resideInAPackage("dev.baton.run..")
        .should().dependOnClassesThat(resideInAPackage("dev.baton.budget..")
            .and(describe("other than CostReport and RunBudgets",
                c -> !c.getName().startsWith("dev.baton.budget.CostReport")
                    && !c.getName().startsWith("dev.baton.budget.RunBudgets"))))
        .check(classes);
  }

  /** The diagram in docs/architecture.md is the packages' dependencies as they are. */
  @Test
  void thePackageDiagramIsTrue() throws IOException {
    String diagram = diagram();
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/architecture.md has the diagram's markers").isNotNegative();
    String current = doc.substring(begin + BEGIN.length(), end);
    if (!current.equals(diagram) && Boolean.getBoolean("baton.docs.write")) {
      Files.writeString(DOC, doc.substring(0, begin + BEGIN.length()) + diagram
          + doc.substring(end));
      current = diagram;
    }
    assertThat(current).as("the package diagram of docs/architecture.md is out of date; "
        + "run ArchitectureTest with -Dbaton.docs.write=true to rewrite it").isEqualTo(diagram);
  }

  /** A mermaid graph: each top-level package of dev.baton and the ones it uses. */
  static String diagram() {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (JavaClass type : classes) {
      Optional<String> from = top(type);
      if (from.isEmpty()) {
        continue;
      }
      uses.computeIfAbsent(from.get(), k -> new TreeSet<>());
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        top(dependency.getTargetClass()).filter(to -> !to.equals(from.get()))
            .ifPresent(to -> uses.get(from.get()).add(to));
      }
    }
    StringBuilder text = new StringBuilder("\n```mermaid\ngraph LR\n");
    uses.forEach((from, targets) -> {
      if (targets.isEmpty()) {
        text.append("  ").append(from).append('\n');
      }
      targets.forEach(to -> text.append("  ").append(from).append(" --> ").append(to)
          .append('\n'));
    });
    return text.append("```\n").toString();
  }

  private static Optional<String> top(JavaClass type) {
    Matcher m = TOP.matcher(type.getPackageName());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
