// An analyst's edits of a compiled BPMN in the editor, with mouse and keyboard as a person makes
// them (see modeler.mjs, mode "edit"). Each step is checked on the model before the next.

/** Where a diagram point is on the screen (the page's CSS pixels). */
function toScreen(page, inPage, x, y) {
  return inPage(page, (get, p) => {
    const canvas = get('canvas');
    const vb = canvas.viewbox();
    const box = canvas.getContainer().getBoundingClientRect();
    return { x: box.left + (p.x - vb.x) * vb.scale, y: box.top + (p.y - vb.y) * vb.scale };
  }, { x, y });
}

function bounds(page, inPage, id) {
  return inPage(page, (get, elementId) => {
    const e = get('elementRegistry').get(elementId);
    if (!e) throw new Error(`no element ${elementId}`);
    return { x: e.x, y: e.y, width: e.width, height: e.height };
  }, id);
}

/** 1:1 zoom with the diagram point (x, y) in the middle of the canvas. */
function centre(page, inPage, x, y) {
  return inPage(page, (get, p) => {
    const canvas = get('canvas');
    canvas.zoom(1);
    const vb = canvas.viewbox();
    canvas.viewbox({ x: p.x - vb.width / 2, y: p.y - vb.height / 2, width: vb.width, height: vb.height });
  }, { x, y });
}

async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) / 4, from.y + (to.y - from.y) / 4, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

/** Types into a field of the properties panel as a person does: select its text, type, leave. */
async function type(page, locator, text) {
  await locator.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 10 });
  await page.keyboard.press('Tab');
  await page.waitForTimeout(400); // the panel writes to the model after a short debounce
}

export async function edit(page, { inPage, select, openGroups, log, env, setStep }) {
  const moveId = env('MOVE_ID', 'qa');
  const renameId = env('RENAME_ID', 'build');
  const renameTo = env('RENAME_TO', 'Build the release candidate');
  const flowId = env('FLOW_ID', 'flow__build__qa__budget');
  const newId = env('NEW_ID', 'release_notes');
  const newName = env('NEW_NAME', 'Write release notes');
  const newAgentType = env('NEW_AGENT_TYPE', 'docs');
  const gateId = env('GATE_ID', 'prod_approval');
  const gateGroup = env('GATE_GROUP', 'product-owner');
  const edits = {};

  // 1. make room on the flow with the space tool, as the new task needs it
  setStep(`making room on ${flowId} with the space tool`);
  const flow = await inPage(page, (get, id) => {
    const f = get('elementRegistry').get(id);
    if (!f || !f.waypoints) throw new Error(`no sequence flow ${id}`);
    return { source: f.source.id, target: f.target.id };
  }, flowId);
  const source = await bounds(page, inPage, flow.source);
  const targetBefore = await bounds(page, inPage, flow.target);
  const gapX = (source.x + source.width + targetBefore.x) / 2;
  await centre(page, inPage, gapX + 100, source.y);
  await page.locator('.djs-palette [data-action="space-tool"]').click();
  // from a point above the source, where nothing is drawn, 200 px to the right
  const spaceFrom = await toScreen(page, inPage, gapX, Math.min(source.y, targetBefore.y) - 60);
  await drag(page, spaceFrom, { x: spaceFrom.x + 200, y: spaceFrom.y });
  await page.keyboard.press('Escape');
  const targetAfter = await bounds(page, inPage, flow.target);
  if (targetAfter.x - targetBefore.x < 150) {
    throw new Error(`the space tool moved ${flow.target} by ${targetAfter.x - targetBefore.x} px, not ~200`);
  }
  log(`space tool: ${flow.target} and what lies right of it moved ${targetAfter.x - targetBefore.x} px right`);

  // 2. a task from the palette, dropped on the flow: the Modeler splits the flow around it
  setStep(`dropping a new task on ${flowId}`);
  const drop = await inPage(page, (get, id) => {
    const w = get('elementRegistry').get(id).waypoints;
    let best = null;
    for (let i = 1; i < w.length; i++) {
      const len = Math.abs(w[i].x - w[i - 1].x);
      if (w[i].y === w[i - 1].y && (!best || len > best.len)) {
        best = { len, x: (w[i].x + w[i - 1].x) / 2, y: w[i].y };
      }
    }
    if (!best) throw new Error(`${id} has no horizontal segment`);
    return best;
  }, flowId);
  await centre(page, inPage, drop.x, drop.y);
  const before = await inPage(page, (get) => get('elementRegistry').getAll().map((e) => e.id));
  await page.locator('.djs-palette [data-action="create.task"]').click();
  const at = await toScreen(page, inPage, drop.x, drop.y);
  await page.mouse.move(at.x - 40, at.y + 30, { steps: 5 });
  await page.mouse.move(at.x, at.y, { steps: 10 });
  await page.mouse.down();
  await page.mouse.up();
  const created = await inPage(page, (get, ids) => {
    const added = get('elementRegistry').getAll()
      .filter((e) => !ids.includes(e.id) && e.type === 'bpmn:Task');
    if (added.length !== 1) throw new Error(`expected one new task, got ${added.map((e) => e.id)}`);
    const t = added[0];
    return { id: t.id, incoming: t.incoming.map((c) => c.source.id),
      outgoing: t.outgoing.map((c) => c.target.id) };
  }, before);
  if (created.incoming.join() !== flow.source || created.outgoing.join() !== flow.target) {
    throw new Error(`the new task is not on the flow: ${JSON.stringify(created)}`);
  }
  log(`new task ${created.id} between ${flow.source} and ${flow.target}`);

  // 3. the template chooser of the properties panel: "Baton agent task"
  setStep(`applying the Baton agent task template to ${created.id}`);
  await select(page, created.id);
  await page.locator('.bio-properties-panel-select-template-button').click();
  const chooser = page.locator('.djs-popup.element-template-chooser');
  await chooser.waitFor();
  // the chooser offers a search field only when it lists many templates
  if (await chooser.locator('.djs-popup-search input').count()) {
    await chooser.locator('.djs-popup-search input').fill('Baton agent');
  }
  await chooser.locator('.entry', { hasText: 'Baton agent task' }).first().click();
  await page.locator('.bio-properties-panel-header').getByText('Baton agent task').first().waitFor();

  // 4. its ID, name and agent type, typed into the properties panel
  setStep(`typing ID, name and agent type of ${created.id}`);
  await openGroups(page, ['General']);
  await type(page, page.locator('#bio-properties-panel-id'), newId);
  await type(page, page.locator('#bio-properties-panel-name'), newName);
  await openGroups(page, ['Agent']);
  await type(page, page.getByLabel('Agent type', { exact: true }), newAgentType);
  const task = await inPage(page, (get, id) => {
    const e = get('elementRegistry').get(id);
    if (!e) return null;
    const bo = e.businessObject;
    const props = (bo.extensionElements?.values || []).filter((v) => v.$type === 'camunda:Properties')
      .flatMap((p) => p.values || []);
    return { id: bo.id, type: bo.$type, name: bo.name, template: bo.get('camunda:modelerTemplate'),
      topic: bo.get('camunda:topic'),
      agent_type: props.find((p) => p.name === 'baton.agent_type')?.value,
      incoming: e.incoming.map((c) => c.source.id), outgoing: e.outgoing.map((c) => c.target.id) };
  }, newId);
  if (!task || task.type !== 'bpmn:ServiceTask' || task.template !== 'dev.baton.AgentTask'
      || task.name !== newName || task.agent_type !== newAgentType || task.topic !== 'baton-agent') {
    throw new Error(`the new agent task is not as typed: ${JSON.stringify(task)}`);
  }
  edits.created = task;
  log(`new agent task: ${JSON.stringify(task)}`);

  // 5. rename a node on the canvas: double-click its label, type, click away
  setStep(`renaming ${renameId} on the canvas`);
  const r = await bounds(page, inPage, renameId);
  await centre(page, inPage, r.x + r.width / 2, r.y + r.height / 2);
  const rc = await toScreen(page, inPage, r.x + r.width / 2, r.y + r.height / 2);
  await page.mouse.dblclick(rc.x, rc.y);
  await page.locator('.djs-direct-editing-parent').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(renameTo, { delay: 10 });
  await page.mouse.click(rc.x, rc.y - 150); // empty canvas above: ends the editing
  const renamed = await inPage(page, (get, id) => get('elementRegistry').get(id).businessObject.name, renameId);
  if (renamed !== renameTo) throw new Error(`${renameId} is named '${renamed}', not '${renameTo}'`);
  edits.renamed = { id: renameId, name: renamed };
  log(`renamed ${renameId} to '${renamed}'`);

  // 6. drag a shape to another place
  setStep(`dragging ${moveId}`);
  const m = await bounds(page, inPage, moveId);
  await centre(page, inPage, m.x + m.width / 2, m.y + m.height / 2);
  const mc = await toScreen(page, inPage, m.x + m.width / 2, m.y + 12); // its top edge, clear of the label
  await drag(page, mc, { x: mc.x + 30, y: mc.y - 60 });
  const moved = await bounds(page, inPage, moveId);
  if (Math.abs(moved.y - m.y) < 30) {
    throw new Error(`dragging ${moveId} moved it from ${JSON.stringify(m)} to ${JSON.stringify(moved)}`);
  }
  edits.moved = { id: moveId, from: m, to: moved };
  log(`moved ${moveId} from (${m.x}, ${m.y}) to (${moved.x}, ${moved.y})`);

  // 7. the gate's role, typed into the template's "Roles (candidate groups)" field
  setStep(`changing the candidate groups of ${gateId}`);
  await select(page, gateId);
  await openGroups(page, ['Who decides']);
  await type(page, page.getByLabel('Roles (candidate groups)', { exact: true }), gateGroup);
  const groups = await inPage(page, (get, id) =>
    get('elementRegistry').get(id).businessObject.get('camunda:candidateGroups'), gateId);
  if (groups !== gateGroup) throw new Error(`${gateId} has candidate groups '${groups}'`);
  edits.gate = { id: gateId, candidateGroups: groups };
  log(`${gateId}: candidate groups '${groups}'`);
  await page.keyboard.press('Escape');
  return edits;
}
