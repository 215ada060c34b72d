// The web console end to end in headless Chromium (Debian /usr/bin/chromium driven by playwright-core),
// against `helpdesk serve --mode fix` with API keys and a policy that parks incident bundles (a write
// on the server's own host, no target needed) for a DBA:
//   1. alice asks for a bundle through MCP (official TypeScript SDK client, Streamable HTTP, her key)
//      and gets pending_approval;
//   2. alice signs in to the console and tries to approve her own request: refused, message shown;
//   3. bob signs in with his key, sees the request (0 of 1), approves it with a reason;
//   4. alice's same call (same _meta.trace_id) now runs: the bundle exists;
//   5. the audit timeline filtered by the trace shows the call with outcome success and the
//      approval events; the chain badge says verified; the incident is listed.
// Screenshots go to interop/console-screenshots/ (test artifacts, not committed).
//
//   cd interop && npm ci && node --test console-e2e.test.mjs
//
// Set CHROMIUM to use another browser binary; without one the test is skipped with a message.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium } from 'playwright-core';

const INTEROP = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(INTEROP, '..');
const HELPDESK = path.join(REPO_ROOT, 'helpdesk');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(INTEROP, 'console-screenshots');
const START_TIMEOUT_MS = 300_000; // the first run may build the distribution
const TRACE = 'tr_console_e2e01';
const KEYS = { alice: 'hd_e2e-alice-key-0123456789', bob: 'hd_e2e-bob-key-0123456789' };

const POLICY = `version: "1"
policies:
  - name: host-bundles
    resources: [{type: host}]
    rules:
      - action: read
        effect: allow
      - action: write
        effect: require_approval
        message: Incident bundles need a DBA.
        conditions: {approvers: [{role: dba}]}
  - name: databases-read
    resources: [{type: database}]
    rules:
      - action: read
        effect: allow
`;

// One database nobody listens for: the fleet page's diagnose runs (through the pipeline) and reports it down.
const INVENTORY = `version: "1"
db_servers:
  orders-db:
    name: Orders (unreachable on purpose)
    connection_string: "host=127.0.0.1 port=1 dbname=orders user=app connect_timeout=2"
`;

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

const server = { child: null, base: null, stderr: '' };

function startServer(dir) {
  writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
  writeFileSync(path.join(dir, 'inventory.yaml'), INVENTORY);
  writeFileSync(path.join(dir, 'users.yaml'), `version: "1"\nusers:\n${Object.entries(KEYS)
    .map(([id, key]) => `  - id: ${id}\n    roles: [dba]\n    api_key_sha256: ${sha256(key)}\n`).join('')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(HELPDESK, ['serve', '--port', '0', '--mode', 'fix', '--policy', path.join(dir, 'policy.yaml'),
      '--users', path.join(dir, 'users.yaml'), '--inventory', path.join(dir, 'inventory.yaml'), '--audit-db', path.join(dir, 'audit.db')], {
      cwd: REPO_ROOT,
      detached: true, // own process group: cleanup reaches mvnw during a first build and the JVM
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, HELPDESK_INCIDENT_DIR: path.join(dir, 'incidents') },
    });
    server.child = child;
    const timer = setTimeout(() => reject(new Error(`server did not start within ${START_TIMEOUT_MS / 1000}s:\n${server.stderr.slice(-4000)}`)),
      START_TIMEOUT_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      server.stderr += d;
      const m = server.stderr.match(/aiHelpDesk listening on (http:\/\/\S+:\d+)\s/);
      if (m && !server.base) {
        server.base = m[1];
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!server.base) reject(new Error(`server exited (${code}):\n${server.stderr.slice(-4000)}`));
    });
  });
}

async function stopServer() {
  const child = server.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ }
  const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 10_000))]);
  if (timedOut) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

async function mcpAs(user) {
  const client = new Client({ name: 'aihelpdesk-console-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.base}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${KEYS[user]}` } },
  }));
  return client;
}

function askForBundle(client) {
  return client.callTool({ name: 'create_incident_bundle', arguments: { layers: 'os', description: 'console e2e' }, _meta: { trace_id: TRACE } },
    undefined, { timeout: 120_000 });
}

function bundles(dir) {
  const d = path.join(dir, 'incidents');
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.tar.gz')).length : 0;
}

async function signIn(page, user) {
  await page.goto(`${server.base}/console/approvals`);
  assert.match(page.url(), /\/console\/login$/, 'an unsigned visitor is sent to the sign-in page');
  await page.fill('#api_key', KEYS[user]);
  await page.click('#sign-in');
  await page.waitForURL(/\/console\/approvals$/);
  assert.equal(await page.textContent('#principal'), user);
}

const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe('web console in headless Chromium', { timeout: 600_000, skip: existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM}` }, () => {
  let dir;
  let browser;
  let alice;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-console-'));
    mkdirSync(SHOTS, { recursive: true });
    await startServer(dir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  after(async () => {
    await alice?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await stopServer();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('approve a request made through MCP, the call then runs, the timeline shows it by trace', async () => {
    alice = await mcpAs('alice');
    const pending = await askForBundle(alice);
    assert.equal(pending.isError, false, JSON.stringify(pending));
    assert.equal(pending.structuredContent.status, 'pending_approval');
    const id = pending.structuredContent.approval_id;
    assert.match(id, /^apr_[0-9a-f]{16}$/);
    assert.equal(bundles(dir), 0);

    // The requester cannot approve her own request; the console says why.
    const asAlice = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const alicePage = await asAlice.newPage();
    await signIn(alicePage, 'alice');
    const aliceCard = alicePage.locator(`section[data-approval="${id}"]`);
    await aliceCard.locator('form[action$="/approve"] button').click();
    await alicePage.waitForSelector('.notice.error');
    assert.match(await alicePage.textContent('.notice.error'),
      new RegExp(`Refused \\(self_approval\\): alice requested ${id} and cannot approve it`));
    await shot(alicePage, '01-self-approval-refused');
    await asAlice.close();

    // bob, another DBA, approves in his own browser session.
    const asBob = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await asBob.newPage();
    await page.goto(`${server.base}/console/login`);
    await shot(page, '02-sign-in');
    await signIn(page, 'bob');
    const card = page.locator(`section[data-approval="${id}"]`);
    assert.equal(await card.locator('.quorum').textContent(), '0 of 1');
    assert.match(await card.textContent(), /create_incident_bundle/);
    assert.match(await card.textContent(), /Requested by\s*alice/);
    await shot(page, '03-approvals-pending');
    await card.locator('form[action$="/approve"] input[name="reason"]').fill('host bundle is fine, checked by bob');
    await card.locator('form[action$="/approve"] button').click();
    await page.waitForSelector('.notice.ok');
    assert.match(await page.textContent('.notice.ok'), new RegExp(`${id} is approved \\(1 of 1\\)`));
    assert.equal(await page.textContent('#pending-count'), '0');
    await shot(page, '04-approved');

    // alice's same call under the same trace now runs.
    const ran = await askForBundle(alice);
    assert.equal(ran.isError, false, JSON.stringify(ran));
    assert.notEqual(ran.structuredContent?.status, 'pending_approval');
    assert.equal(bundles(dir), 1);

    // The audit timeline filtered by the trace.
    await page.click('nav a[href="/console/audit"]');
    assert.match(await page.textContent('#chain-status'), /^Chain verified: \d+ events/);
    await page.fill('input[name="trace"]', TRACE);
    await page.click('form.filters button[type="submit"]');
    await page.waitForSelector('#trace-view');
    assert.match(page.url(), new RegExp(`trace=${TRACE}`));
    const tree = await page.textContent('#trace-view');
    assert.match(tree, /approval requested/);
    assert.match(tree, /approval decided/);
    assert.match(tree, /tool call create_incident_bundle by alice success/);
    const rows = await page.locator('table.audit tbody tr').count();
    assert.ok(rows >= 4, `expected the trace's events in the table, got ${rows}`);
    assert.equal(await page.locator('table.audit tbody tr td:nth-child(3)').filter({ hasNotText: TRACE }).count(), 0,
      'every row belongs to the trace');
    await shot(page, '05-audit-trace');

    await page.click('nav a[href="/console/incidents"]');
    assert.equal(await page.locator('tr[data-incident]').count(), 1);
    await shot(page, '06-incidents');
    // Fleet health: diagnose runs through the pipeline as bob, door console, and is audited.
    await page.click('nav a[href="/console/fleet"]');
    const target = page.locator('section[data-target="orders-db"]');
    assert.equal(await target.locator('.badge').textContent(), 'not run');
    await page.click('#refresh');
    await page.waitForSelector('.notice.ok');
    assert.match(await page.textContent('.notice.ok'), /^Diagnosed 1 database: 0 healthy, 1 need attention\.$/);
    assert.match(await target.locator('.badge').first().textContent(), /^(findings|failed)$/);
    assert.match(await target.textContent(), /by bob, trace tr_[0-9a-f]{12}/);
    await shot(page, '07-fleet');
    await page.goto(`${server.base}/console/audit?tool=diagnose&principal=bob`);
    assert.match(await page.textContent('table.audit tbody'), /diagnose/);
    assert.match(await page.textContent('table.audit tbody'), /console/);
    await asBob.close();
  });
});
