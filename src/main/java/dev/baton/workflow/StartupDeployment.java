package dev.baton.workflow;

import dev.baton.BatonProperties;
import dev.baton.budget.CostEstimate;
import dev.baton.prompt.PromptFiles;
import dev.baton.prompt.PromptSeeding;
import dev.baton.spec.InvalidSpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/} when the engine is up: first the prompt templates of {@code
 * processes/prompts/} are seeded into the database by the same rule ({@link PromptSeeding});
 * then every {@code *.json} spec is checked,
 * compiled and deployed under its file name as slug; {@code .bpmn}, {@code .dmn} and {@code
 * .form} files are deployed as they are. A workflow is created when missing and updated only
 * when its latest version came from the files and the file changed; a version deployed through
 * the API is never deployed over (the file is skipped, with a warning). Unchanged files create
 * no new versions, so restarts are cheap and several engine nodes starting together agree.
 */
@Component
class StartupDeployment {

  private static final Logger log = LoggerFactory.getLogger(StartupDeployment.class);

  private final WorkflowService workflows;
  private final RepositoryService repository;
  private final BatonProperties properties;
  private final PromptSeeding prompts;

  StartupDeployment(WorkflowService workflows, RepositoryService repository,
      BatonProperties properties, PromptSeeding prompts) {
    this.workflows = workflows;
    this.repository = repository;
    this.properties = properties;
    this.prompts = prompts;
  }

  @EventListener
  public void onEngineStarted(ApplicationStartedEvent event) {
    Path dir = properties.processesDir();
    if (!Files.isDirectory(dir)) {
      log.warn("No processes directory at {}: nothing deployed at start-up",
          dir.toAbsolutePath());
      return;
    }
    // the specs' templates are checked against, and pinned to, what is stored
    prompts.seed(new PromptFiles(dir.resolve("prompts")));
    deployAsIs(dir);
    for (Path spec : files(dir, ".json")) {
      deploySpec(spec);
    }
  }

  private void deployAsIs(Path dir) {
    List<Path> resources = files(dir, ".bpmn", ".dmn");
    resources.addAll(files(properties.formsDir(), ".form"));
    if (resources.isEmpty()) {
      return;
    }
    DeploymentBuilder builder = repository.createDeployment().name("baton-resources")
        .source(WorkflowService.DEPLOYMENT_SOURCE).enableDuplicateFiltering(false);
    for (Path resource : resources) {
      try {
        builder.addString(resource.getFileName().toString(), Files.readString(resource));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    builder.deploy();
    log.info("Deployed {} BPMN/DMN/form file(s) from {}", resources.size(), dir);
  }

  private void deploySpec(Path file) {
    String name = file.getFileName().toString();
    String slug = name.substring(0, name.length() - ".json".length());
    try {
      WorkflowService.FileDeployment done = workflows.deployFile(slug, Files.readString(file));
      if (done.keptApiVersion() != null) {
        log.warn("Workflow '{}' skipped: its version {} was deployed through the API, so {} is "
                + "not deployed over it (deploy the file through the API to replace it)", slug,
            done.keptApiVersion().deploymentVersion(), file);
        return;
      }
      DeploymentResult result = done.result();
      log.info("Workflow '{}' {} (version {}); a run costs ${} to ${} (critical path ${})",
          slug, !result.changed() ? "unchanged"
              : result.workflow().deploymentVersion() == 1 ? "created" : "updated",
          result.workflow().deploymentVersion(),
          CostEstimate.usd(result.estimate().minimumUsd()),
          CostEstimate.usd(result.estimate().worstCaseTotalUsd()),
          CostEstimate.usd(result.estimate().criticalPathUsd()));
      result.warnings().forEach(w -> log.warn("{}: {}", name, w));
    } catch (InvalidSpecException e) {
      log.error("Spec {} was not deployed:", file);
      e.problems().forEach(p -> log.error("  {}", p));
      e.warnings().forEach(p -> log.warn("  {}", p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      log.error("Spec {} was not deployed: {}", file, e.getMessage());
    }
  }

  private static List<Path> files(Path dir, String... suffixes) {
    if (!Files.isDirectory(dir)) {
      return new java.util.ArrayList<>();
    }
    try (Stream<Path> stream = Files.list(dir)) {
      return new java.util.ArrayList<>(stream
          .filter(f -> Files.isRegularFile(f))
          .filter(f -> Stream.of(suffixes).anyMatch(s -> f.toString().endsWith(s)))
          .sorted()
          .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
