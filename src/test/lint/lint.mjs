// Lints BPMN files the way Camunda Modeler 5.x does for Camunda Platform 7.x, plus bpmnlint's
// "recommended" rules.
//
//   cd src/test/lint && npm ci --no-audit --no-fund && node lint.mjs ../../../target/lint/*.bpmn
//
// Prints one line per report: file, element id, rule, category (error, warn, info), message.
// Exits 1 when any report is an error, 2 on a usage or parse failure, 0 otherwise (warnings and
// infos are printed but not fatal).
//
// Why not @camunda/linting itself: its package is untranspiled ESM meant for a bundler
// (extensionless imports, JSON imports), so it does not load in Node. This script rebuilds its
// configuration from the same parts, pinned to the versions @camunda/linting 3.57.0 resolves:
//   - bpmnlint-plugin-camunda-compat's config chosen from modeler:executionPlatform and
//     modeler:executionPlatformVersion on <definitions> ("Camunda Platform" + "7.24.0" ->
//     camunda-platform-7-24), as @camunda/linting's getConfigName does;
//   - bpmnlint:correctness (what the Modeler adds by default) and bpmnlint:recommended (what
//     a project's .bpmnlintrc usually extends; a superset of correctness except
//     conditional-event), the stricter category winning where both name a rule;
//   - the model is read with bpmn-moddle plus the camunda and modeler extensions, as the
//     Modeler does for Camunda 7 diagrams.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = await import('bpmn-moddle');
const camundaModdle = require('camunda-bpmn-moddle/resources/camunda.json');
const modelerModdle = require('modeler-moddle/resources/modeler.json');
const recommended = require('bpmnlint/config/recommended');
const correctness = require('bpmnlint/config/correctness');
const compat = require('bpmnlint-plugin-camunda-compat');

const SEVERITY = { off: 0, info: 1, warn: 2, warning: 2, error: 3 };

function category(value) {
  return Array.isArray(value) ? value[0] : value;
}

/** bpmnlint:correctness and bpmnlint:recommended merged, the stricter category winning. */
function bpmnlintRules() {
  const rules = { ...recommended.rules };
  for (const [name, value] of Object.entries(correctness.rules)) {
    if (!(name in rules) || SEVERITY[category(value)] > SEVERITY[category(rules[name])]) {
      rules[name] = value;
    }
  }
  return rules;
}

/** "Camunda Platform", "7.24.0" -> "camunda-platform-7-24" (cf. @camunda/linting). */
function compatConfigName(platform, version) {
  const [major, minor = '0'] = String(version).split('.');
  return [...platform.split(' ').map((s) => s.toLowerCase()), major, minor].join('-');
}

async function lintFile(file, moddle) {
  const xml = await readFile(file, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const reports = [];
  for (const w of warnings) {
    reports.push({ id: w.element?.id ?? '-', rule: 'moddle-import', category: 'error',
      message: w.message.split('\n')[0] });
  }
  const platform = rootElement.get('modeler:executionPlatform');
  const version = rootElement.get('modeler:executionPlatformVersion');
  if (!platform || !version) {
    reports.push({ id: rootElement.id ?? '-', rule: 'execution-platform', category: 'error',
      message: 'modeler:executionPlatform/executionPlatformVersion missing on <definitions>:'
        + ' Camunda Modeler would not lint this diagram at all' });
    return reports;
  }
  const configName = compatConfigName(platform, version);
  if (!compat.configs[configName]) {
    reports.push({ id: rootElement.id ?? '-', rule: 'execution-platform', category: 'error',
      message: `bpmnlint-plugin-camunda-compat has no config ${configName}` });
    return reports;
  }
  const config = {
    extends: [`plugin:camunda-compat/${configName}`],
    rules: bpmnlintRules(),
  };
  const linter = new Linter({ config, resolver: new NodeResolver() });
  const byRule = await linter.lint(rootElement);
  for (const [rule, list] of Object.entries(byRule)) {
    for (const r of list) {
      reports.push({ id: r.id ?? '-', rule, category: r.category, message: r.message,
        path: r.path });
    }
  }
  return reports;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node lint.mjs FILE.bpmn...');
  process.exit(2);
}

const moddle = new BpmnModdle({ camunda: camundaModdle, modeler: modelerModdle });
const counts = { error: 0, warn: 0, info: 0 };
let failed = false;
for (const file of files) {
  let reports;
  try {
    reports = await lintFile(file, moddle);
  } catch (e) {
    console.log(`${file}\t-\tparse\terror\t${e.message.split('\n')[0]}`);
    failed = true;
    continue;
  }
  reports.sort((a, b) => (SEVERITY[b.category] ?? 0) - (SEVERITY[a.category] ?? 0)
    || a.rule.localeCompare(b.rule) || String(a.id).localeCompare(String(b.id)));
  for (const r of reports) {
    counts[r.category] = (counts[r.category] ?? 0) + 1;
    const where = r.path ? ` (at ${r.path.join('.')})` : '';
    console.log(`${path.basename(file)}\t${r.id}\t${r.rule}\t${r.category}\t${r.message}${where}`);
  }
}
console.log(`lint: ${files.length} file(s), ${counts.error} error(s), ${counts.warn} warning(s),`
  + ` ${counts.info} info(s)`);
process.exit(failed ? 2 : counts.error > 0 ? 1 : 0);
