// Renders BPMN diagrams to PNG with bpmn-js in headless Chromium (Debian's chromium package:
// apt-get install chromium). Serves render/index.html, bpmn-js and the BPMN files on
// 127.0.0.1 only, sizes the window to the diagram's DI extent (1:1 up to MAX_WIDTH) and
// calls chromium --screenshot. Usage (see render.sh):
//
//   node render.mjs BPMN_DIR OUT_DIR SLUG...
import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [bpmnDir, outDir, ...slugs] = process.argv.slice(2);
if (!bpmnDir || !outDir || slugs.length === 0) {
  console.error('usage: node render.mjs BPMN_DIR OUT_DIR SLUG...');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MARGIN = 40;
const MAX_WIDTH = 3200;
const MIN_WIDTH = 800;
const DEVICE_SCALE = process.env.DEVICE_SCALE || '1'; // e.g. 2 for a sharper, larger PNG

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
  '.bpmn': 'application/xml', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.eot': 'application/vnd.ms-fontobject', '.ttf': 'font/ttf', '.svg': 'image/svg+xml' };

function resolve(urlPath) {
  const p = decodeURIComponent(urlPath.split('?')[0]);
  const roots = [
    ['/bpmn-js/', path.join(here, 'node_modules/bpmn-js/dist/')],
    ['/bpmn/', path.resolve(bpmnDir) + path.sep],
    ['/', path.join(here, 'render/')],
  ];
  for (const [prefix, root] of roots) {
    if (p.startsWith(prefix)) {
      const file = path.resolve(root, p.slice(prefix.length) || 'index.html');
      return file.startsWith(root) ? file : null;
    }
  }
  return null;
}

const server = createServer(async (req, res) => {
  const file = resolve(req.url);
  try {
    if (!file || !(await stat(file)).isFile()) throw new Error('not found');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const port = server.address().port;

/** The diagram's extent from its DI bounds and waypoints. */
function extent(xml) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const m of xml.matchAll(/<dc:Bounds\b[^>]*>/g)) {
    const a = Object.fromEntries([...m[0].matchAll(/(\w+)="([-\d.]+)"/g)].map(([, k, v]) => [k, +v]));
    minX = Math.min(minX, a.x); minY = Math.min(minY, a.y);
    maxX = Math.max(maxX, a.x + a.width); maxY = Math.max(maxY, a.y + a.height);
  }
  for (const m of xml.matchAll(/<di:waypoint\b[^>]*>/g)) {
    const a = Object.fromEntries([...m[0].matchAll(/(\w+)="([-\d.]+)"/g)].map(([, k, v]) => [k, +v]));
    minX = Math.min(minX, a.x); minY = Math.min(minY, a.y);
    maxX = Math.max(maxX, a.x); maxY = Math.max(maxY, a.y);
  }
  return { width: maxX - minX, height: maxY - minY };
}

function run(cmd, args) {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('error', fail);
    p.on('close', (code) => { clearTimeout(timer); code === 0 ? ok(out) : fail(new Error(`${cmd} exit ${code}\n${out}`)); });
  });
}

let failed = false;
try {
  await mkdir(outDir, { recursive: true });
  for (const slug of slugs) {
    const xml = await readFile(path.join(bpmnDir, slug + '.bpmn'), 'utf8');
    const e = extent(xml);
    const scale = Math.min(1, (MAX_WIDTH - 2 * MARGIN) / e.width);
    const width = Math.max(MIN_WIDTH, Math.ceil(e.width * scale + 2 * MARGIN));
    const height = Math.ceil(e.height * scale + 2 * MARGIN);
    const out = path.resolve(outDir, slug + '.png');
    const profile = await mkdtemp(path.join(tmpdir(), 'baton-chromium-'));
    try {
      await run(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--no-first-run', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--hide-scrollbars', `--force-device-scale-factor=${DEVICE_SCALE}`, `--user-data-dir=${profile}`,
        '--virtual-time-budget=10000', `--window-size=${width},${height}`,
        `--screenshot=${out}`, `http://127.0.0.1:${port}/index.html?diagram=${encodeURIComponent(slug)}&w=${width}&h=${height}`]);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
    console.log(`${out} ${width}x${height} (diagram ${Math.round(e.width)}x${Math.round(e.height)}, scale ${scale.toFixed(2)})`);
  }
} catch (err) {
  console.error(err.message);
  failed = true;
} finally {
  server.close();
}
process.exit(failed ? 1 : 0);
