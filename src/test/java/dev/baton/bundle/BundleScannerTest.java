package dev.baton.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every kind of finding, each alone, all at once, and the shipped sample without any. */
class BundleScannerTest {

  private static ScannedBundle scan(Consumer<Map<String, String>> change) {
    return scan(change, BundleFixtures.CONTEXT);
  }

  private static ScannedBundle scan(Consumer<Map<String, String>> change, ScanContext context) {
    Map<String, String> files = BundleFixtures.sample();
    change.accept(files);
    return new BundleScanner(context).scan(new BundleFiles(files));
  }

  private static List<Finding> errors(ScannedBundle scanned) {
    return scanned.findings().stream().filter(Finding::isError).toList();
  }

  private static String replace(Map<String, String> files, String file, String from,
      String to) {
    String text = files.get(file);
    assertThat(text).as(file).contains(from);
    return files.put(file, text.replace(from, to));
  }

  @Test
  void theSampleBundleIsClean() {
    ScannedBundle scanned = scan(files -> { });
    assertThat(scanned.findings()).isEmpty();
    assertThat(scanned.name()).isEqualTo("changelog-writer");
    assertThat(scanned.prompts()).containsOnlyKeys("changelog-writer.main",
        "changelog-writer.summary");
    assertThat(scanned.promptFiles()).containsEntry("summary", "changelog-writer.summary");
    assertThat(scanned.grants()).singleElement().satisfies(g -> {
      assertThat(g.tool()).isEqualTo("github");
      assertThat(g.scopes()).containsExactly("read");
      assertThat(g.config().toString()).contains("baton/demo");
    });
    assertThat(scanned.policies().maxModelCalls()).isEqualTo(4);
    assertThat(scanned.tests()).extracting(ScannedBundle.TestCase::name)
        .containsExactly("names the release", "summary is JSON for the gate");
  }

  @Test
  void anUnknownToolIsAnErrorNamingFileAndPath() {
    ScannedBundle scanned = scan(f -> replace(f, "tools.json", "\"name\": \"github\"",
        "\"name\": \"githb\""));
    assertThat(errors(scanned)).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("tool");
      assertThat(e.file()).isEqualTo("tools.json");
      assertThat(e.path()).isEqualTo("$.tools[0].name");
      assertThat(e.message()).contains("unknown tool 'githb'").contains("github");
    });
    // github is required and no longer granted
    assertThat(errors(scanned)).anySatisfy(e -> assertThat(e.message())
        .contains("required tool 'github' has no grant"));
  }

  @Test
  void anUnknownOptionalToolIsOnlyAWarning() {
    ScannedBundle scanned = scan(f -> replace(f, "manifest.json", "[\"slack\"]",
        "[\"jira\"]"));
    assertThat(scanned.ok()).isTrue();
    assertThat(scanned.findings()).singleElement().satisfies(w -> {
      assertThat(w.isError()).isFalse();
      assertThat(w.path()).isEqualTo("$.requirements.optional_tools[0]");
    });
  }

  @Test
  void aToolDeniedByTheInstallationIsForbidden() {
    ScanContext denying = new ScanContext(BundleFixtures.CONTEXT.tools(), Set.of("github"),
        "0.1.0", Set.of(), BundleFixtures.CONTEXT.agentTypes());
    ScannedBundle scanned = scan(f -> { }, denying);
    assertThat(errors(scanned)).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("'github' is forbidden to bundles"));
  }

  @Test
  void aToolDeniedOrNotAllowedByTheBundlesOwnPoliciesIsForbidden() {
    ScannedBundle denied = scan(f -> replace(f, "policies.json", "[\"git\"]",
        "[\"git\", \"github\"]"));
    assertThat(errors(denied)).anySatisfy(e -> {
      assertThat(e.file()).isEqualTo("tools.json");
      assertThat(e.message()).contains("denied by the bundle's own policies.json");
    });
    ScannedBundle notAllowed = scan(f -> replace(f, "policies.json",
        "[\"github\", \"slack\"]", "[\"slack\"]"));
    assertThat(errors(notAllowed)).anySatisfy(e -> assertThat(e.message())
        .contains("not in policies.json's allowed_tools"));
  }

  @Test
  void aSecretInAnyFileIsAnErrorWithItsLineAndWithoutTheSecret() {
    String key = "sk-proj-Ab3dEf9hIjKlMn0pQrStUv";
    ScannedBundle scanned = scan(f -> {
      f.put("prompts/main.txt", f.get("prompts/main.txt") + "\nUse key " + key + "\n");
      f.put("docs/setup.md", "token: ghp_0123456789abcdefghijABCDEFGHIJ\n");
    });
    assertThat(errors(scanned)).filteredOn(e -> e.kind().equals("secret"))
        .extracting(Finding::file, Finding::path)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("prompts/main.txt",
            "line 9"), org.assertj.core.groups.Tuple.tuple("docs/setup.md", "line 1"));
    assertThat(scanned.findings().toString()).doesNotContain(key).doesNotContain("ghp_0123");
  }

  @Test
  void referencesToSecretsKeptElsewhereAreNotSecrets() {
    ScannedBundle scanned = scan(f -> f.put("docs/setup.md",
        "api_key: $OPENAI_API_KEY\ntoken = <your token>\npassword={{input.password}}\n"));
    assertThat(scanned.findings()).isEmpty();
  }

  @Test
  void placeholdersAreCheckedAsDeployReadsThem() {
    ScannedBundle scanned = scan(f -> f.put("prompts/main.txt",
        "Plan {{input.release}}\nafter {{plan.output}}\nbroken {{input release}}\n"));
    assertThat(errors(scanned)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("placeholder");
      assertThat(e.path()).isEqualTo("line 3");
      assertThat(e.message()).contains("is not a placeholder");
    });
    assertThat(scanned.findings()).anySatisfy(w -> {
      assertThat(w.isError()).isFalse();
      assertThat(w.path()).isEqualTo("line 2");
      assertThat(w.message()).contains("'plan'");
    });
  }

  @Test
  void aPromptWhoseTemplateNameIsInvalidIsRefused() {
    ScannedBundle scanned = scan(f -> f.put("prompts/" + "x".repeat(50) + ".txt", "Hi"));
    assertThat(errors(scanned)).anySatisfy(e -> assertThat(e.message())
        .contains("not a valid template name"));
  }

  @Test
  void aNewerMinimumVersionIsRefusedUnderEitherSpelling() {
    ScannedBundle ours = scan(f -> replace(f, "manifest.json", "\"min_baton_version\": "
        + "\"0.1.0\"", "\"min_baton_version\": \"2.3.0\""));
    assertThat(errors(ours)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("version");
      assertThat(e.path()).isEqualTo("$.requirements.min_baton_version");
      assertThat(e.message()).contains("needs Baton 2.3.0 or later; this is 0.1.0");
    });
    ScannedBundle seeds = scan(f -> replace(f, "manifest.json", "\"min_baton_version\"",
        "\"min_buildrunner_version\""));
    assertThat(seeds.findings()).isEmpty();
    ScannedBundle seedsTooNew = scan(f -> replace(f, "manifest.json",
        "\"min_baton_version\": \"0.1.0\"", "\"min_buildrunner_version\": \"2.3.0\""));
    assertThat(errors(seedsTooNew)).singleElement().extracting(Finding::path)
        .isEqualTo("$.requirements.min_buildrunner_version");
  }

  @Test
  void theManifestIsCheckedAgainstTheSchemaWithPaths() {
    ScannedBundle scanned = scan(f -> {
      replace(f, "manifest.json", "\"type\": \"docs\",", "\"colour\": \"red\",");
      replace(f, "manifest.json", "\"temperature\": 0.2", "\"temperature\": 7");
    });
    assertThat(errors(scanned)).extracting(Finding::file).containsOnly("manifest.json");
    assertThat(errors(scanned)).extracting(Finding::path)
        .contains("$", "$.colour", "$.configuration.temperature");
    assertThat(errors(scanned).toString()).contains("type").contains("unknown field 'colour'");
  }

  @Test
  void brokenJsonAndAMissingManifestAreReported() {
    ScannedBundle broken = scan(f -> f.put("policies.json", "{\"max_model_calls\": }"));
    assertThat(errors(broken)).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("policies.json");
      assertThat(e.message()).startsWith("not valid JSON");
      assertThat(e.path()).startsWith("line 1");
    });
    ScannedBundle none = scan(f -> f.remove("manifest.json"));
    assertThat(errors(none)).anySatisfy(e -> assertThat(e.message())
        .contains("no manifest.json"));
  }

  @Test
  void aTestCaseNamingAMissingPromptIsAnError() {
    ScannedBundle scanned = scan(f -> replace(f, "tests/unit/notes.json",
        "\"prompt\": \"summary\"", "\"prompt\": \"sumary\""));
    assertThat(errors(scanned)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("test");
      assertThat(e.path()).isEqualTo("$.cases[1].prompt");
    });
  }

  @Test
  void everyProblemIsListedAtOnceErrorsFirst() {
    ScannedBundle scanned = scan(f -> {
      replace(f, "tools.json", "\"github\"", "\"jira\"");
      f.put("docs/key.txt", "AKIAIOSFODNN7EXAMPLE");
      replace(f, "manifest.json", "\"0.1.0\"", "\"3.0\"");
      f.put("prompts/main.txt", "{{ oops! }} {{later.output}}");
      f.put("notes.bin", "x");
    });
    assertThat(errors(scanned)).extracting(Finding::kind)
        .contains("tool", "secret", "version", "placeholder");
    int firstWarning = scanned.findings().indexOf(scanned.findings().stream()
        .filter(w -> !w.isError()).findFirst().orElseThrow());
    assertThat(scanned.findings().subList(0, firstWarning)).allMatch(Finding::isError);
  }

  @Test
  void versionsCompareNumerically() {
    assertThat(BundleScanner.compare("0.10.0", "0.9.9")).isPositive();
    assertThat(BundleScanner.compare("0.1", "0.1.0-SNAPSHOT")).isZero();
    assertThat(BundleScanner.compare("1.0.0", "1.0.1")).isNegative();
  }
}
