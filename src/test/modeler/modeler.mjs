// Camunda Modeler's editor for Camunda 7 diagrams (bpmn-js, the properties panel with its
// Camunda 7 provider and behaviours, element templates and the template chooser: page/app.js)
// with Baton's element templates from processes/element-templates, in Debian's headless
// Chromium driven by playwright-core (browser downloads do not work here; CHROMIUM overrides
// the path). The desktop Modeler is an Electron shell around these same packages.
//
//   node modeler.mjs screenshots BPMN OUT_DIR [AGENT_TASK_ID GATE_ID BUDGET_CHECK_ID]
//   node modeler.mjs edit IN OUT
//
// screenshots: opens BPMN, selects an agent task, an approval gate and a budget check in turn
// (clicking them on the canvas), opens Baton's field groups in the properties panel and saves
// OUT_DIR/modeler-agent-task.png, modeler-approval-gate.png and modeler-budget-check.png.
// Defaults: plan, approval_gate, plan__budget (full-development-cycle.bpmn).
//
// edit: opens IN (a compiled guarded-release BPMN unless the ids below are set) and edits it
// the way an analyst does, with mouse and keyboard, in this order (see edit.mjs): makes room
// with the space tool (200 px) and drops a new task from the palette on the sequence flow
// FLOW_ID (default flow__build__qa__budget, between the agent tasks build and qa), which the
// editor splits around it; chooses "Baton agent task" in the template chooser and types its
// ID (NEW_ID, default release_notes), Name (NEW_NAME) and Agent type (NEW_AGENT_TYPE, default
// docs) into the properties panel; renames RENAME_ID (default build) to RENAME_TO by
// double-clicking it; drags MOVE_ID (default qa) 30 px right and 60 px up; types GATE_GROUP
// (default product-owner) into the Roles field of the approval gate GATE_ID (default
// prod_approval). Every step is checked on the model; saves with saveXML({ format: true }) to
// OUT, prints one line "edits: {json}" with what changed (ids, the dragged shape's new bounds)
// and saves OUT.png, the whole edited diagram.
//
// Pinned preact 10: without it npm hoists preact 11 (for preact-markup), and the editor's
// popup menus (the template chooser) open empty without an error.
//
// Exits 0 on success; on failure prints the step and the page's errors, saves
// OUT_DIR/modeler-failure.png (or OUT.failure.png) and exits 1 (2 for wrong arguments).
// STEP_TIMEOUT_MS (default 30000) bounds every step. TEMPLATES_DIR overrides the templates'
// folder. ModelerBrowserIT runs the edit; screenshots.sh the screenshots.
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile, readdir, writeFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const [mode, ...args] = process.argv.slice(2);
const USAGE = 'usage: node modeler.mjs screenshots BPMN OUT_DIR [AGENT_TASK_ID GATE_ID BUDGET_CHECK_ID]\n'
  + '       node modeler.mjs edit IN OUT';
if (!((mode === 'screenshots' && args.length >= 2) || (mode === 'edit' && args.length === 2))) {
  console.error(USAGE);
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);
const TEMPLATES_DIR = process.env.TEMPLATES_DIR || path.join(root, 'processes/element-templates');
const env = (name, fallback) => process.env[name] || fallback;

let step = 'bundling the editor';
const errors = [];
const log = (message) => console.log(`[modeler] ${message}`);

/** page/app.js and its CSS (fonts inlined) bundled by esbuild into a temporary folder. */
async function bundle(outdir) {
  await build({
    entryPoints: [path.join(here, 'page/app.js')],
    bundle: true, format: 'iife', target: 'chrome120', outdir, logLevel: 'error',
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.eot': 'dataurl', '.ttf': 'dataurl',
      '.svg': 'dataurl' },
  });
}

/** Baton's element templates, as the Modeler reads them: every JSON file of the folder. */
async function templates() {
  const all = [];
  for (const file of (await readdir(TEMPLATES_DIR)).filter((f) => f.endsWith('.json')).sort()) {
    const t = JSON.parse(await readFile(path.join(TEMPLATES_DIR, file), 'utf8'));
    all.push(...(Array.isArray(t) ? t : [t]));
  }
  return all;
}

/** Serves the bundle, the page and the templates on 127.0.0.1. */
async function serve(dir, templatesJson) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer(async (req, res) => {
    const name = decodeURIComponent(req.url.split('?')[0]).replace(/^\/+/, '') || 'index.html';
    try {
      if (name === 'favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (name === 'templates.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(templatesJson);
        return;
      }
      if (!['index.html', 'app.js', 'app.css'].includes(name)) throw new Error('not found');
      const file = name === 'index.html' ? path.join(here, 'page/index.html') : path.join(dir, name);
      await stat(file);
      res.writeHead(200, { 'content-type': types[path.extname(name)] }).end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

/** Runs fn in the page with the modeler's services: fn(get, arg) where get(name) is injector.get. */
function inPage(page, fn, arg) {
  return page.evaluate(([source, a]) => {
    const get = (name) => window.batonModeler.modeler.get(name);
    return (0, eval)(`(${source})`)(get, a);
  }, [fn.toString(), arg]);
}

async function openEditor(context, port, xml) {
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  step = 'loading the editor';
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => window.batonReady || window.batonError);
  const failed = await page.evaluate(() => window.batonError);
  if (failed) throw new Error(failed);
  const templateErrors = await page.evaluate(() => window.batonModeler.templateErrors);
  if (templateErrors.length) throw new Error(`the editor refused templates: ${templateErrors.join('; ')}`);
  const ids = await page.evaluate(() => window.batonModeler.templates.map((t) => `${t.id}@${t.version}`));
  log(`templates loaded: ${ids.join(', ')}`);
  step = 'opening the diagram';
  const warnings = await page.evaluate(async (x) => {
    const { warnings } = await window.batonModeler.modeler.importXML(x);
    return warnings.map((w) => w.message);
  }, xml);
  if (warnings.length) throw new Error(`importing the BPMN gave warnings: ${warnings.join('; ')}`);
  log('diagram opened without warnings');
  return page;
}

/** Zooms to 1:1 with the element a third from the left of the canvas, and clicks it. */
async function select(page, id) {
  await inPage(page, (get, elementId) => {
    const canvas = get('canvas');
    const el = get('elementRegistry').get(elementId);
    if (!el) throw new Error(`no element ${elementId}`);
    canvas.zoom(1);
    const vb = canvas.viewbox();
    const inner = vb.inner;
    canvas.viewbox({ x: Math.max(inner.x - 30, el.x + el.width / 2 - vb.width / 3),
      y: el.y + el.height / 2 - vb.height / 2, width: vb.width, height: vb.height });
  }, id);
  await page.locator(`.djs-element.djs-shape[data-element-id="${id}"]`).click();
  const selected = await inPage(page, (get) => get('selection').get().map((e) => e.id));
  if (selected.length !== 1 || selected[0] !== id) {
    throw new Error(`clicking ${id} selected ${JSON.stringify(selected)}`);
  }
}

/** Opens the properties panel's groups with these labels (closed ones only). */
async function openGroups(page, labels) {
  for (const label of labels) {
    const header = page.locator('.bio-properties-panel-group-header')
      .filter({ has: page.locator('.bio-properties-panel-group-header-title', { hasText: new RegExp(`^${label}$`) }) });
    await header.first().waitFor();
    if (!(await header.first().getAttribute('class')).includes('open')) {
      await header.first().click();
    }
  }
}

async function screenshots(page, outDir, [agent = 'plan', gate = 'approval_gate',
  check = 'plan__budget']) {
  const shots = [
    [agent, 'modeler-agent-task.png', 'Baton agent task', ['Agent', 'Prompt and model', 'Failure']],
    [gate, 'modeler-approval-gate.png', 'Baton approval gate', null],
    [check, 'modeler-budget-check.png', 'Baton budget check', null],
  ];
  await mkdir(outDir, { recursive: true });
  for (const [id, file, template, groups] of shots) {
    step = `selecting ${id}`;
    await select(page, id);
    step = `showing the fields of ${template} on ${id}`;
    await page.locator('.bio-properties-panel-header').getByText(template).first().waitFor();
    const groupLabels = groups || await templateGroups(page, template);
    await openGroups(page, groupLabels);
    // opening a group scrolls the panel to it: show the panel from its header down
    await page.locator('.bio-properties-panel-scroll-container').evaluate((e) => { e.scrollTop = 0; });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    // down to the panel's last field (the canvas needs about 800 px), not the empty rest
    const bottom = await page.locator('.bio-properties-panel-group').last()
      .evaluate((e) => e.getBoundingClientRect().bottom);
    const { width, height } = page.viewportSize();
    await page.screenshot({ path: path.join(outDir, file),
      clip: { x: 0, y: 0, width, height: Math.min(height, Math.max(800, Math.ceil(bottom) + 16)) } });
    log(`${path.join(outDir, file)}: ${id} (${template}; groups ${groupLabels.join(', ')})`);
  }
}

/** The labels of a template's groups, read from the template itself. */
async function templateGroups(page, name) {
  // properties without a group land in the panel's "Custom properties"
  return page.evaluate((n) => {
    const t = window.batonModeler.templates.find((x) => x.name === n);
    const labels = (t.groups || []).map((g) => g.label);
    return t.properties.some((p) => !p.group && p.type !== 'Hidden')
      ? [...labels, 'Custom properties'] : labels;
  }, name);
}

// ------------------------------------------------------------------ main
const profile = await mkdtemp(path.join(tmpdir(), 'baton-modeler-'));
const bundleDir = path.join(profile, 'bundle');
let server;
let context;
let page;
const failureShot = mode === 'screenshots' ? path.join(args[1], 'modeler-failure.png')
  : `${args[1]}.failure.png`;
let exit = 0;
try {
  const started = Date.now();
  await bundle(bundleDir);
  log(`editor bundled in ${Date.now() - started} ms`);
  server = await serve(bundleDir, JSON.stringify(await templates()));
  step = 'starting Chromium';
  context = await chromium.launchPersistentContext(path.join(profile, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: Number(env('VIEWPORT_HEIGHT', mode === 'screenshots' ? 1260 : 900)) },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const xml = await readFile(args[0], 'utf8');
  page = await openEditor(context, server.address().port, xml);
  if (mode === 'screenshots') {
    await screenshots(page, args[1], args.slice(2));
  } else {
    const { edit } = await import('./edit.mjs');
    const edits = await edit(page, { inPage, select, openGroups, log, env,
      setStep: (s) => { step = s; } });
    step = 'saving';
    const { xml: saved } = await page.evaluate(() => window.batonModeler.modeler.saveXML({ format: true }));
    await writeFile(args[1], saved);
    log(`saved ${args[1]} (${saved.length} characters)`);
    // the whole edited diagram, for a person to look at
    await page.evaluate(() => window.batonModeler.modeler.get('canvas').zoom('fit-viewport'));
    await page.screenshot({ path: `${args[1]}.png` });
    console.log(`edits: ${JSON.stringify(edits)}`);
  }
  if (errors.length) {
    throw new Error(`the page reported errors: ${errors.join('; ')}`);
  }
} catch (e) {
  exit = 1;
  console.error(`[modeler] FAILED while ${step}: ${e && e.stack || e}`);
  if (errors.length) console.error(`[modeler] page errors: ${errors.join('; ')}`);
  if (page) {
    await page.screenshot({ path: failureShot }).then(() => console.error(`[modeler] see ${failureShot}`),
      () => {});
  }
} finally {
  if (context) await context.close().catch(() => {});
  if (server) server.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(exit);
