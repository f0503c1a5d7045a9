// Decides an approval gate the way an approver does: in Camunda Tasklist, with Baton's
// approval form (forms/approval.form), in Debian's headless Chromium driven by playwright-core
// (browser downloads by playwright/puppeteer do not work here; CHROMIUM overrides the path).
//
//   node tasklist-approve.mjs BASE_URL USER PASSWORD TASK_NAME JUSTIFICATION SCREENSHOT [EXPECTED_TEXT...]
//
// Logs in at BASE_URL/camunda/app/tasklist/, opens the task named TASK_NAME (claiming it when
// Tasklist asks for that), waits until the form shows the review and every EXPECTED_TEXT,
// saves a screenshot of the page to SCREENSHOT, chooses Approve, writes JUSTIFICATION, clicks
// Complete and waits for the task to leave the list. Exits 0 on success; on any failure it
// prints what went wrong, saves SCREENSHOT with ".failure.png" appended, and exits 1 (2 for
// wrong arguments). TasklistBrowserIT runs it.
//
// With several tasks of that name in the list, set TASK_ID to the task's id to pick the one
// (the list's links carry it); EXPECTED_TEXT such as the run id then also shows it is the right
// one. STEP_TIMEOUT_MS (default 30000) bounds every step.
//
// Optional, for Baton's own face and other forms: BRANDING=1 checks that the page carries
// Baton's name and no Camunda end-of-life banner; FILTER picks that Tasklist filter first (the
// task must be listed in it); REVIEW_HEADING is the review's heading when it is not the task's
// name (the budget override's); JUSTIFICATION_LABEL the comment field's label.
import { chromium } from 'playwright-core';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [baseUrl, user, password, taskName, justification, screenshot, ...expected] =
  process.argv.slice(2);
if (!baseUrl || !user || !password || !taskName || !justification || !screenshot) {
  console.error('usage: node tasklist-approve.mjs BASE_URL USER PASSWORD TASK_NAME '
    + 'JUSTIFICATION SCREENSHOT [EXPECTED_TEXT...]');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);
const TASK_ID = process.env.TASK_ID || '';
const FILTER = process.env.FILTER || '';
const REVIEW_HEADING = process.env.REVIEW_HEADING || taskName;
const JUSTIFICATION_LABEL = process.env.JUSTIFICATION_LABEL
  || 'Justification (approve), reason (reject) or the changes you want';

let step = 'starting Chromium';
const profile = await mkdtemp(path.join(tmpdir(), 'baton-tasklist-'));
let context;
let page;
const consoleErrors = [];

function log(message) {
  console.log(`[tasklist] ${message}`);
}

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1150 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  step = `opening Tasklist at ${baseUrl}`;
  const tasklist = new URL('/camunda/app/tasklist/', baseUrl).toString();
  // a busy server can make the app's first load give up on a module (RequireJS waits 7 s):
  // load it again
  for (let attempt = 1; ; attempt++) {
    await page.goto(tasklist);
    try {
      await page.getByPlaceholder('Username').waitFor({ timeout: STEP_TIMEOUT_MS });
      break;
    } catch (e) {
      if (attempt >= 3) {
        throw e;
      }
      log(`the login form did not appear (${consoleErrors.join('; ') || 'no error'}); `
        + 'loading Tasklist again');
      consoleErrors.length = 0;
    }
  }

  step = `logging in as '${user}'`;
  await page.getByPlaceholder('Username').fill(user);
  await page.getByPlaceholder('Password').fill(password);
  await page.locator('button[type=submit]', { hasText: 'Log in' }).click();
  // on a busy machine Tasklist's first load after the login can stall on one of its modules:
  // the session is there, so loading the page again shows the task list
  try {
    await page.locator('.tasks-list, [cam-tasks]').first().waitFor({ timeout: 45000 });
  } catch (e) {
    log(`the task list did not appear after the login (${e.message.split('\n')[0]}); `
      + 'loading Tasklist again');
    await page.reload();
    await page.locator('.tasks-list, [cam-tasks]').first().waitFor({ timeout: 60000 });
  }
  log(`logged in as ${user}`);

  if (process.env.BRANDING) {
    step = 'checking that Tasklist carries Baton\'s name and no end-of-life banner';
    await page.waitForFunction(() => document.title.includes('Baton'));
    const banners = page.locator('.ce-eol-banner');
    for (let i = 0; i < await banners.count(); i++) {
      if (await banners.nth(i).isVisible()) {
        throw new Error('the Camunda 7 end-of-life banner is visible');
      }
    }
    const brand = await page.locator('.navbar-brand, .app-banner').first().innerText();
    if (!brand.includes('Baton')) {
      throw new Error(`the header says '${brand}', not Baton`);
    }
    log(`branded: title '${await page.title()}', header '${brand.trim()}', no banner`);
  }
  if (FILTER) {
    step = `opening the filter '${FILTER}' (was it created at start-up? may '${user}' read it?)`;
    await page.locator('.task-filters a, [cam-tasklist-filters] a', { hasText: FILTER })
      .first().click();
    await page.locator('.task-filters .active, [cam-tasklist-filters] .active',
      { hasText: FILTER }).first().waitFor();
    log(`filter '${FILTER}' selected`);
  }

  step = `finding the task '${taskName}'${TASK_ID ? ` (id ${TASK_ID})` : ''} in the task list `
    + `(is it visible to '${user}'?)`;
  const link = () => page.locator(TASK_ID ? `a[href*="task=${TASK_ID}"]` : 'h4 a',
    { hasText: taskName });
  const entry = page.locator('.tasks-list li.task', { has: link() }).first();
  await entry.waitFor();
  await entry.locator(link()).first().click();

  step = `opening the task '${taskName}'`;
  const detail = page.locator('[cam-tasklist-task], .task-details').first();
  await detail.locator('h2', { hasText: taskName }).first().waitFor();
  step = 'waiting for the approval form to render the review';
  const form = page.locator('.fjs-form').first();
  await form.waitFor();
  // the review is Markdown rendered by the form's text component: a heading with the gate name
  await form.locator('.fjs-form-field-text h3', { hasText: REVIEW_HEADING }).first().waitFor();
  for (const text of expected) {
    step = `waiting for the form to show '${text}'`;
    await form.getByText(text, { exact: false }).first().waitFor();
  }
  const review = await form.locator('.fjs-form-field-text').first().innerText();
  if (/\{\{|\}\}/.test(review)) {
    throw new Error(`the review was not rendered, the form shows the template: ${review}`);
  }
  log(`the form shows the review (${review.split('\n').filter(Boolean).length} lines)`);

  // claim only once the form is there: claiming while Tasklist still loads the form leaves the
  // Complete button wired to a form that is no longer shown, and Complete then does nothing
  const claim = detail.locator('button.claim');
  if (await claim.count() > 0 && await claim.first().isVisible()) {
    step = `claiming '${taskName}'`;
    const claimed = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/task\/[^/]+\/claim$/.test(r.url()));
    await claim.first().click();
    const response = await claimed;
    if (!response.ok()) {
      throw new Error(`the engine refused the claim (HTTP ${response.status()}): ${
        await response.text().catch(() => '')}`);
    }
    await detail.locator('.assignee').first().waitFor();
    log(`claimed '${taskName}'`);
  }
  // Tasklist renders the form read-only until the task is the user's, and renders it anew once
  // it is: fill in only the editable form
  step = 'waiting for the form to become editable (is the task assigned to the user?)';
  await page.locator('.fjs-form input[type=radio]:not([disabled])').first().waitFor();
  await page.waitForLoadState('networkidle');

  step = 'choosing Approve';
  // 'Approve' on a gate, 'Approve: raise the run's budget' on a budget override
  const approve = form.getByLabel(/^Approve\b/);
  await approve.check();
  // REFUSAL: a message the engine must give when Complete is pressed without a justification;
  // the task must stay open, and the decision is then made with the justification
  const refusal = process.env.REFUSAL;
  if (refusal) {
    step = 'completing without a justification (the gate should refuse)';
    const attempt = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/task\/[^/]+\/submit-form$/.test(r.url()));
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    await detail.locator('button', { hasText: /^\s*Complete\s*$/ }).first().click();
    const refused = await attempt;
    if (refused.ok()) {
      throw new Error('the engine accepted a decision without a justification');
    }
    step = `waiting for Tasklist to show the refusal "${refusal}"`;
    const alert = page.locator('.notifications .alert-danger, .notification.alert-danger',
      { hasText: refusal });
    await alert.first().waitFor();
    log(`refused as expected: ${(await alert.first().innerText()).replace(/\s+/g, ' ').trim()}`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '') + '.refused.png',
      fullPage: true });
    if (await page.locator('.tasks-list li.task', { has: link() }).count() === 0) {
      throw new Error(`'${taskName}' left the task list although the decision was refused`);
    }
    // the notification now covers the Complete button; the final click is dispatched to it
  }
  step = 'writing the justification';
  const justificationField = form.getByLabel(JUSTIFICATION_LABEL);
  await justificationField.fill(justification);
  // Tasklist renders the form again when a late update of the task arrives (its claim, on a
  // busy machine), which empties what was typed: write it again until it stays
  const keepJustification = async () => {
    const value = await justificationField.inputValue().catch(() => '');
    if (value !== justification) {
      log('the form was rendered again and lost the justification; writing it again');
      await justificationField.fill(justification);
      await page.keyboard.press('Tab');
      await page.waitForTimeout(300);
    }
  };

  step = `saving the screenshot ${screenshot}`;
  await mkdir(path.dirname(path.resolve(screenshot)), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  log(`screenshot saved to ${screenshot}`);

  step = 'completing the task';
  // leave the textarea first: its blur makes the form re-render and shift the page, and a
  // click that starts before the shift ends beside the button and does nothing
  await page.keyboard.press('Tab');
  await page.waitForTimeout(300);
  const alerts = '.notifications .alert-danger, .notification.alert-danger';
  const alertsBefore = await page.locator(alerts).count();
  const complete = detail.locator('button', { hasText: /^\s*Complete\s*$/ }).first();
  // a click that lands while the form still moves is lost: try again until Tasklist submits
  let response;
  for (let attempt = 1; !response; attempt++) {
    step = `waiting for Tasklist to submit the form after Complete (click ${attempt})`;
    // resolves to null on a timeout: the click itself may take long on a busy machine
    const submitted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/task\/[^/]+\/submit-form$/.test(r.url()),
      { timeout: attempt < 3 ? 10000 : STEP_TIMEOUT_MS }).catch(() => null);
    await keepJustification();
    if (refusal) {
      await complete.dispatchEvent('click');
    } else {
      // a disabled button (the form invalid for a moment) is no reason to give up at once
      await complete.click({ timeout: 10000 }).catch((e) => log(`click ${attempt}: ${e.message.split('\n')[0]}`));
    }
    response = await submitted;
    if (!response) {
      await keepJustification();
      const invalid = await form.locator('.fjs-form-field-error').allInnerTexts();
      if (invalid.length) {
        throw new Error(`the form does not validate: ${invalid.join('; ')}`);
      }
      if (attempt >= 3) {
        throw new Error('Tasklist did not submit the form after three clicks on Complete');
      }
      await page.waitForTimeout(500);
    }
  }
  if (!response.ok()) {
    let message = await response.text().catch(() => '');
    try { message = JSON.parse(message).message || message; } catch { /* not JSON */ }
    throw new Error(`the engine refused the completion (HTTP ${response.status()}): ${message}`);
  }
  log(`form submitted (HTTP ${response.status()})`);

  step = `waiting for '${taskName}' to leave the task list after Complete`;
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    // only a notification that appeared after this Complete (a refusal shown before stays)
    const failure = page.locator(alerts);
    if (await failure.count() > alertsBefore) {
      throw new Error(`Tasklist refused the completion: ${
        (await failure.last().innerText()).replace(/\s+/g, ' ').trim()}`);
    }
    if (await page.locator('.tasks-list li.task', { has: link() }).count() === 0) {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`'${taskName}' is still in the task list ${STEP_TIMEOUT_MS} ms after Complete`);
    }
    await page.waitForTimeout(250);
  }
  log(`completed '${taskName}' as ${user}`);
  await context.close();
  await rm(profile, { recursive: true, force: true });
  process.exit(0);
} catch (e) {
  console.error(`[tasklist] FAILED while ${step}: ${e.message.split('\n')[0]}`);
  if (consoleErrors.length) {
    console.error(`[tasklist] browser console errors:\n  ${consoleErrors.join('\n  ')}`);
  }
  if (page) {
    const shot = `${screenshot}.failure.png`;
    try {
      await page.screenshot({ path: shot, fullPage: true });
      console.error(`[tasklist] the page at the failure: ${shot}`);
    } catch { /* the browser is gone */ }
  }
  try { await context?.close(); } catch { /* already closed */ }
  await rm(profile, { recursive: true, force: true });
  process.exit(1);
}
