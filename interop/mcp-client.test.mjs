// Interoperability tests: the official MCP TypeScript SDK client against aiHelpDesk, over stdio,
// Streamable HTTP and legacy SSE.
//
//   cd interop && npm ci && node --test mcp-client.test.mjs
//
// A single `helpdesk demo --port 0` (embedded PostgreSQL + HTTP server) is started for the whole
// file; the stdio transport runs `helpdesk mcp` against the demo's inventory. The tool list is
// discovered through tools/list and every tool is called with arguments derived from its
// inputSchema, so new tools are covered without editing this file.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HELPDESK = path.join(REPO_ROOT, 'helpdesk');
const BANNER_TIMEOUT_MS = 180_000; // the first run builds the distribution
const CALL_TIMEOUT_MS = 60_000;
const TARGET = 'demo';
const INJECTION = "x'; drop table orders; --";
// Tools that touch no target (policy explanation, playbooks): no connection_string or context.

// ---------------------------------------------------------------------------------------------
// The demo process (shared by all transports)
// ---------------------------------------------------------------------------------------------

const demo = { child: null, mcpUrl: null, sseUrl: null, inventory: null, kubeconfig: null, pgPort: null, stderr: '' };

function startDemo() {
  return new Promise((resolve, reject) => {
    // detached: own process group, so a SIGKILL fallback can reach everything the demo started
    // (mvnw during a first build, the JVM, the embedded PostgreSQL) and nothing else.
    const child = spawn(HELPDESK, ['demo', '--port', '0'], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.child = child;
    let stdout = '';
    let settled = false;
    const fail = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new Error(`demo banner not seen within ${BANNER_TIMEOUT_MS / 1000}s\nstdout:\n${stdout}\nstderr:\n${demo.stderr.slice(-4000)}`)),
      BANNER_TIMEOUT_MS,
    );
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      demo.stderr += d;
      if (demo.stderr.length > 100_000) demo.stderr = demo.stderr.slice(-50_000);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      if (settled) return;
      stdout += d;
      if (!stdout.includes('Press Ctrl-C to stop.')) return;
      const grab = (re) => stdout.match(re)?.[1]?.trim();
      demo.mcpUrl = grab(/^\s*MCP \(HTTP\)\s*:\s*(\S+)/m);
      demo.sseUrl = grab(/^\s*MCP \(SSE\)\s*:\s*(\S+)/m);
      demo.inventory = grab(/^\s*Inventory\s*:\s*(\S.*)$/m);
      demo.kubeconfig = grab(/^\s*Kubeconfig\s*:\s*(\S.*)$/m);
      demo.pgPort = grab(/^\s*PostgreSQL\s*:.*\bport=(\d+)/m) ?? null;
      if (!demo.mcpUrl || !demo.sseUrl || !demo.inventory || !demo.kubeconfig) {
        fail(new Error(`could not parse the demo banner:\n${stdout}`));
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve();
    });
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      fail(new Error(`demo exited early (code ${code}, signal ${signal})\nstdout:\n${stdout}\nstderr:\n${demo.stderr.slice(-4000)}`)),
    );
  });
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopDemo() {
  const child = demo.child;
  if (!child || child.pid === undefined) return;
  const pid = child.pid;
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', r));
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(pid, 'SIGTERM'); // graceful: the shutdown hook stops PostgreSQL and removes temp data
    } catch { /* already gone */ }
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise((r) => setTimeout(() => r(true), 10_000).unref()),
    ]);
    if (timedOut) console.error(`demo (pid ${pid}) did not stop within 10 s of SIGTERM; sending SIGKILL`);
  }
  // Whatever is left in the demo's process group (or everything, after a timeout) gets SIGKILL.
  if (groupAlive(pid)) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    killOrphanPostmaster();
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000).unref())]);
  demo.child = null;
}

// The embedded PostgreSQL is started through pg_ctl, which daemonizes it into its own session, so
// it is not in the demo's process group. The JVM's shutdown hook stops it; only when the JVM had to
// be SIGKILLed, stop the postmaster that listens on the demo's port (that port identifies ours).
function killOrphanPostmaster() {
  if (!demo.pgPort) return;
  let pids = [];
  try {
    pids = execFileSync('pgrep', ['-f', `bin/postgres -D \\S+ -p ${demo.pgPort}( |$)`], { encoding: 'utf8' })
      .split('\n').map((x) => Number(x)).filter((x) => x > 0);
  } catch { /* none */ }
  for (const p of pids) {
    console.error(`stopping orphaned embedded PostgreSQL postmaster pid ${p} (port ${demo.pgPort})`);
    try { process.kill(p, 'SIGQUIT'); } catch { /* gone */ }
  }
}

// Last-resort cleanup if the runner exits before after() hooks ran: SIGTERM lets the JVM's shutdown
// hook stop PostgreSQL and remove the temp data even though we cannot wait for it here.
function emergencyKill() {
  if (demo.child?.pid !== undefined && demo.child.exitCode === null && demo.child.signalCode === null) {
    try { process.kill(demo.child.pid, 'SIGTERM'); } catch { /* gone */ }
  }
}
process.on('exit', emergencyKill);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    stopDemo().finally(() => process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)));
  });
}

before(startDemo, { timeout: BANNER_TIMEOUT_MS + 10_000 });
after(stopDemo, { timeout: 30_000 });

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const TRANSPORTS = {
  stdio: () =>
    new StdioClientTransport({
      command: HELPDESK,
      args: ['mcp', '--inventory', demo.inventory, '--kubeconfig', demo.kubeconfig],
      cwd: REPO_ROOT,
      stderr: 'pipe', // the server logs to stderr; keep it out of the TAP output
    }),
  'streamable-http': () => new StreamableHTTPClientTransport(new URL(demo.mcpUrl)),
  sse: () => new SSEClientTransport(new URL(demo.sseUrl)),
};

function textOf(result) {
  return (result?.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

async function listAllTools(client) {
  const tools = [];
  let cursor;
  let pages = 0;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined);
    tools.push(...page.tools);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  // listTools() caches output-schema validators per page and clears the cache each time; with
  // several pages make sure every tool's validator is present.
  if (pages > 1 && typeof client.cacheToolMetadata === 'function') client.cacheToolMetadata(tools);
  return tools;
}

async function listAllResources(client) {
  const resources = [];
  let cursor;
  do {
    const page = await client.listResources(cursor ? { cursor } : undefined);
    resources.push(...page.resources);
    cursor = page.nextCursor;
  } while (cursor);
  return resources;
}

/** Finds the first integer `pid` (or *_pid) in a structured result, skipping our own backend if marked. */
function findPid(value) {
  if (Array.isArray(value)) {
    for (const v of value) {
      const p = findPid(v);
      if (p !== undefined) return p;
    }
  } else if (value && typeof value === 'object') {
    if (Number.isInteger(value.pid) && value.pid > 0) return value.pid;
    for (const v of Object.values(value)) {
      const p = findPid(v);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

/** Resolves a backend pid once per transport: via get_active_connections(include_idle) if offered. */
async function backendPid(ctx) {
  if (ctx.pid !== undefined) return ctx.pid;
  ctx.pid = null;
  if (ctx.toolsByName.has('get_active_connections')) {
    const args = { connection_string: TARGET };
    const props = ctx.toolsByName.get('get_active_connections').inputSchema?.properties ?? {};
    if ('include_idle' in props) args.include_idle = true;
    const r = await ctx.client.callTool({ name: 'get_active_connections', arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS });
    if (!r.isError) ctx.pid = findPid(r.structuredContent) ?? null;
  }
  return ctx.pid;
}

/** Tools that act on the server's own state (policy, incident bundles), not on a database or cluster. */
const LOCAL_TOOLS = new Set(['explain_policy_decision', 'list_incidents', 'get_incident', 'list_playbooks', 'get_playbook', 'list_rollbacks', 'rollback_action']);

/** The id of some incident bundle (via list_incidents), or null when there is none yet. */
async function incidentId(ctx) {
  if (!ctx.toolsByName.has('list_incidents')) return null;
  const r = await ctx.client.callTool({ name: 'list_incidents', arguments: {} }, undefined, { timeout: CALL_TIMEOUT_MS });
  const incidents = r.isError ? [] : (r.structuredContent?.incidents ?? []);
  return incidents.length > 0 ? incidents[0].incident_id : null;
}

/**
 * Arguments for a tool: connection_string plus every required property, derived from the
 * inputSchema. Returns { args, notes, fallbackPid, expectedError } where notes lists guesses worth
 * reporting and expectedError, when set, is the clean error a guessed argument must produce.
 */
async function deriveArgs(ctx, tool) {
  const schema = tool.inputSchema ?? {};
  const props = schema.properties ?? {};
  const args = 'connection_string' in props ? { connection_string: TARGET } : {};
  // Kubernetes tools: the inventory database id as namespace means "where the demo database runs".
  if ('namespace' in props) args.namespace = TARGET;
  const notes = [];
  let fallbackPid = false;
  let expectedError = null;
  for (const name of schema.required ?? []) {
    if (name in args) continue;
    const p = props[name] ?? {};
    const type = Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type;
    if (name === 'pid') {
      const pid = await backendPid(ctx);
      if (pid) {
        args.pid = pid;
      } else {
        args.pid = 1;
        fallbackPid = true;
        notes.push('pid: no backend pid available (get_active_connections missing or empty), using 1');
      }
    } else if (name === 'query') {
      args.query = 'select 1';
    } else if (name === 'sql') {
      args.sql = 'select count(*) from orders';
    } else if (name === 'parameter_name') {
      args.parameter_name = 'max_connections';
    } else if (name === 'table_name') {
      args.table_name = 'orders';
    } else if (name === 'pod_name') {
      args.pod_name = 'orders-db-0';
    } else if (name === 'service_name') {
      args.service_name = 'orders-db';
    } else if (name === 'incident_id') {
      const id = await incidentId(ctx);
      if (id) {
        args.incident_id = id;
      } else {
        args.incident_id = '00000000';
        expectedError = /no incident 00000000/;
        notes.push('incident_id: no incident bundle yet, expecting a clean "no incident" error');
      }
    } else if (name === 'principal') {
      args.principal = 'alice';
    } else if (name === 'resource') {
      args.resource = TARGET;
    } else if (name === 'id') {
      args.id = 'pb_lock_blocking';
    } else if (p.default !== undefined) {
      args[name] = p.default;
    } else if (Array.isArray(p.enum) && p.enum.length > 0) {
      args[name] = p.enum[0];
    } else if (type === 'integer' || type === 'number') {
      args[name] = p.minimum ?? 1;
      notes.push(`${name}: unknown required ${type}, using ${args[name]}`);
    } else if (type === 'boolean') {
      args[name] = false;
      notes.push(`${name}: unknown required boolean, using false`);
    } else if (type === 'array') {
      args[name] = [];
      notes.push(`${name}: unknown required array, using []`);
    } else if (type === 'object') {
      args[name] = {};
      notes.push(`${name}: unknown required object, using {}`);
    } else {
      args[name] = '';
      notes.push(`${name}: unknown required ${type ?? 'untyped'} parameter, using ""`);
    }
  }
  return { args, notes, fallbackPid, expectedError };
}

/** True when some row (an object inside an array) has a string field equal to `name` or ending in `.name`. */
function mentionsTable(value, name, inArray = false) {
  if (Array.isArray(value)) return value.some((v) => mentionsTable(v, name, true));
  if (value && typeof value === 'object') {
    if (inArray && Object.values(value).some((v) => typeof v === 'string' && (v === name || v.endsWith(`.${name}`)))) return true;
    return Object.values(value).some((v) => mentionsTable(v, name, inArray));
  }
  return false;
}

function assertCleanError(result, what) {
  const text = textOf(result);
  assert.ok(text.trim().length > 0, `${what}: isError result must explain itself in a text content item`);
  assert.doesNotMatch(text, /\n\s+at [\w.$]+\(|Exception:|java\.\w+\./, `${what}: error text looks like a stack trace: ${text}`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// The suite, once per transport
// ---------------------------------------------------------------------------------------------

for (const [transportName, makeTransport] of Object.entries(TRANSPORTS)) {
  describe(`MCP over ${transportName}`, { timeout: 600_000 }, () => {
    const ctx = { client: null, tools: [], toolsByName: new Map(), pid: undefined, called: 0, started: 0 };

    before(async () => {
      ctx.started = Date.now();
      ctx.client = new Client({ name: 'aihelpdesk-interop', version: '1.0.0' });
      await ctx.client.connect(makeTransport(), { timeout: CALL_TIMEOUT_MS });
    }, { timeout: 120_000 });

    after(async () => {
      const ms = Date.now() - ctx.started;
      try {
        await ctx.client?.close();
      } finally {
        console.log(`SUMMARY [${transportName}] ${ctx.called} tool calls over ${ctx.tools.length} tools, ${ms} ms`);
      }
    });

    test('initialize: serverInfo and instructions', () => {
      const info = ctx.client.getServerVersion();
      assert.equal(info?.name, 'aihelpdesk');
      const instructions = ctx.client.getInstructions();
      assert.equal(typeof instructions, 'string');
      assert.ok(instructions.trim().length > 0, 'instructions must not be empty');
      assert.ok(ctx.client.getServerCapabilities()?.tools, 'server must advertise the tools capability');
    });

    test('tools/list', async () => {
      ctx.tools = await listAllTools(ctx.client);
      ctx.toolsByName = new Map(ctx.tools.map((t) => [t.name, t]));
      assert.ok(ctx.tools.length >= 2, `expected at least 2 tools, got ${ctx.tools.length}`);
      assert.equal(ctx.toolsByName.size, ctx.tools.length, 'tool names must be unique');
      for (const tool of ctx.tools) {
        assert.equal(tool.inputSchema?.type, 'object', `${tool.name}: inputSchema.type`);
        if (!LOCAL_TOOLS.has(tool.name)) {
          // every other tool names its target: a database (connection_string) or a cluster (context)
          const props = tool.inputSchema?.properties ?? {};
          assert.ok(props.connection_string || props.context, `${tool.name}: takes connection_string or context`);
        }
        assert.equal(tool.outputSchema?.type, 'object', `${tool.name}: declares an object outputSchema`);
      }
    });

    test('prompts: one per playbook, rendered for the demo database', async () => {
      assert.ok(ctx.client.getServerCapabilities()?.prompts, 'server must advertise the prompts capability');
      const { prompts } = await ctx.client.listPrompts();
      const lock = prompts.find((p) => p.name === 'pb_lock_blocking');
      assert.ok(lock, `pb_lock_blocking not listed; got ${prompts.map((p) => p.name).join(', ')}`);
      assert.deepEqual(lock.arguments?.map((a) => a.name), ['target']);
      const got = await ctx.client.getPrompt({ name: 'pb_lock_blocking', arguments: { target: TARGET } });
      assert.equal(got.messages[0].role, 'user');
      assert.match(got.messages[0].content.text, /get_blocking_queries\(connection_string="demo"\)/);
    });

    test('resources: helpdesk://inventory is listed, readable and carries no password', async () => {
      const resources = await listAllResources(ctx.client);
      const inv = resources.find((r) => r.uri === 'helpdesk://inventory');
      assert.ok(inv, `helpdesk://inventory not listed; got ${resources.map((r) => r.uri).join(', ')}`);
      const read = await ctx.client.readResource({ uri: 'helpdesk://inventory' });
      assert.ok(read.contents.length > 0, 'inventory resource has no contents');
      const text = read.contents.map((c) => c.text ?? '').join('\n');
      assert.ok(text.includes('demo'), 'inventory resource should mention the demo target');
      assert.doesNotMatch(text, /password\s*[:=]\s*["']?[^\s"',;}]+/i, 'inventory resource leaks a password');
    });

    test('tools/call: every tool with derived arguments', async (t) => {
      assert.ok(ctx.tools.length > 0, 'tools/list must have run first');
      for (const tool of ctx.tools) {
        await t.test(tool.name, async (tt) => {
          if (tool.annotations?.readOnlyHint !== true) {
            // Today every tool is read-only; never fire a write tool blindly at a database.
            tt.skip(`not annotated readOnlyHint=true; not called with guessed arguments`);
            return;
          }
          const { args, notes, fallbackPid, expectedError } = await deriveArgs(ctx, tool);
          for (const n of notes) tt.diagnostic(`${tool.name}: ${n}`);
          ctx.called++;
          // callTool validates structuredContent against the declared outputSchema and throws on a
          // mismatch, which fails this test.
          const result = await ctx.client.callTool({ name: tool.name, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS });
          if (fallbackPid && result.isError) {
            const text = assertCleanError(result, tool.name);
            assert.match(text, /\bpid\b|\b1\b/i, `${tool.name}: error for pid 1 should mention the pid: ${text}`);
            return;
          }
          if (expectedError && result.isError) {
            const text = assertCleanError(result, tool.name);
            assert.match(text, expectedError, `${tool.name}: unexpected error text: ${text}`);
            return;
          }
          assert.notEqual(result.isError, true, `${tool.name}(${JSON.stringify(args)}) returned isError: ${textOf(result)}`);
          assert.ok(
            result.structuredContent !== null && typeof result.structuredContent === 'object' && !Array.isArray(result.structuredContent),
            `${tool.name}: structuredContent must be an object, got ${JSON.stringify(result.structuredContent)}`,
          );
          assert.ok(Array.isArray(result.content), `${tool.name}: content must be an array`);
        });
      }
    });

    test('tools/call: unknown argument is rejected and named', async () => {
      ctx.called++;
      const result = await ctx.client.callTool(
        { name: 'check_connection', arguments: { connection_string: TARGET, bogus: 1 } },
        undefined,
        { timeout: CALL_TIMEOUT_MS },
      );
      assert.equal(result.isError, true, `expected isError for an unknown argument, got ${JSON.stringify(result)}`);
      const text = assertCleanError(result, 'check_connection(bogus)');
      assert.match(text, /bogus/, `error text should name the unknown argument: ${text}`);
    });

    test('tools/call: a Kubernetes tool reads the demo cluster through its kubeconfig', async () => {
      ctx.called++;
      const result = await ctx.client.callTool(
        { name: 'get_pods', arguments: { namespace: TARGET } },
        undefined,
        { timeout: CALL_TIMEOUT_MS },
      );
      assert.notEqual(result.isError, true, `get_pods returned isError: ${textOf(result)}`);
      const pods = result.structuredContent?.pods ?? [];
      // namespace=demo is the inventory database id: its namespace (shop) and k8s_pod_selector (app=orders-db)
      assert.equal(result.structuredContent?.selector, 'app=orders-db');
      assert.deepEqual(pods.map((p) => p.name), ['orders-db-0']);
      assert.equal(pods[0].status, 'Running');
      const all = await ctx.client.callTool(
        { name: 'get_pods', arguments: { namespace: 'shop' } },
        undefined,
        { timeout: CALL_TIMEOUT_MS },
      );
      const api = (all.structuredContent?.pods ?? []).find((p) => p.name.startsWith('orders-api-'));
      assert.ok(api, `no orders-api pod in ${textOf(all)}`);
      assert.equal(api.status, 'CrashLoopBackOff');
      assert.match(textOf(all), /CrashLoopBackOff \(12 restarts\)/);
    });

    test('tools/call: injection-shaped argument is inert', async (t) => {
      if (!ctx.toolsByName.has('get_config_parameter')) {
        t.skip('get_config_parameter not offered by this server yet');
        return;
      }
      ctx.called++;
      const result = await ctx.client.callTool(
        { name: 'get_config_parameter', arguments: { connection_string: TARGET, parameter_name: INJECTION } },
        undefined,
        { timeout: CALL_TIMEOUT_MS },
      );
      if (result.isError) {
        const text = assertCleanError(result, 'get_config_parameter(injection)');
        t.diagnostic(`get_config_parameter(injection) -> isError: ${text.split('\n')[0]}`);
      } else {
        assert.equal(typeof result.structuredContent, 'object');
      }

      await t.test('orders table still exists', async (tt) => {
        if (!ctx.toolsByName.has('get_table_stats')) {
          tt.skip('get_table_stats not offered by this server yet; cannot verify the orders table');
          return;
        }
        ctx.called++;
        const stats = await ctx.client.callTool(
          { name: 'get_table_stats', arguments: { connection_string: TARGET, table_name: 'orders' } },
          undefined,
          { timeout: CALL_TIMEOUT_MS },
        );
        assert.notEqual(stats.isError, true, `get_table_stats(orders) failed: ${textOf(stats)}`);
        assert.ok(
          mentionsTable(stats.structuredContent, 'orders'),
          `orders must still be reported by get_table_stats: ${JSON.stringify(stats.structuredContent).slice(0, 500)}`,
        );
      });
    });

    test('tools/call: unknown tool is a JSON-RPC error', async () => {
      await assert.rejects(
        ctx.client.callTool({ name: 'no_such_tool_xyz', arguments: { connection_string: TARGET } }, undefined, { timeout: CALL_TIMEOUT_MS }),
        (err) => {
          assert.ok(err instanceof McpError, `expected McpError, got ${err?.constructor?.name}: ${err?.message}`);
          assert.equal(typeof err.code, 'number');
          return true;
        },
      );
    });
  });
}
