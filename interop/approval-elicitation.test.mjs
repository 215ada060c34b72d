// The official MCP TypeScript SDK client acting as the human at the client for a call that needs
// approval (MCP elicitation, form mode), against `helpdesk mcp --mode fix` over stdio.
//
//   cd interop && npm ci && node --test approval-elicitation.test.mjs
//
// The tool is create_incident_bundle (a write on the server's own host, needs no target). The policy
// parks writes on the host for approval by a DBA; the stdio caller is alice with role dba.
//   - rule with elicitation_approval: true → the form offers approve; answering approve runs the call.
//   - rule without it → the form offers only wait/cancel; an "approve" answer is ignored (the call
//     stays pending_approval, isError=false), and declining cancels the request.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HELPDESK = path.join(REPO_ROOT, 'helpdesk');
const TIMEOUT_MS = 240_000; // the first run may build the distribution

function policy(conditions) {
  return `version: "1"
policies:
  - name: host-bundles
    resources: [{type: host}]
    rules:
      - action: read
        effect: allow
      - action: write
        effect: require_approval
        message: Incident bundles need a DBA.
        conditions: ${conditions}
`;
}

async function connect(dir, conditions, answer) {
  writeFileSync(path.join(dir, 'policy.yaml'), policy(conditions));
  const client = new Client({ name: 'aihelpdesk-interop-approver', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  const asked = [];
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params);
    return answer(request.params);
  });
  const transport = new StdioClientTransport({
    command: HELPDESK,
    args: ['mcp', '--mode', 'fix', '--policy', path.join(dir, 'policy.yaml'), '--as', 'alice', '--role', 'dba',
      '--audit-db', path.join(dir, 'audit.db')],
    cwd: REPO_ROOT,
    env: { ...process.env, HELPDESK_INCIDENT_DIR: path.join(dir, 'incidents') },
    stderr: 'pipe',
  });
  await client.connect(transport, { timeout: TIMEOUT_MS });
  return { client, asked };
}

function bundles(dir) {
  const d = path.join(dir, 'incidents');
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.tar.gz')).length : 0;
}

function callBundle(client) {
  return client.callTool({ name: 'create_incident_bundle', arguments: { layers: 'os' }, _meta: { trace_id: 'tr_interop_approval' } },
    undefined, { timeout: 120_000 });
}

describe('approval through MCP elicitation (stdio)', { timeout: 600_000 }, () => {
  let dir;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-approval-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the human at the client approves where the rule allows it, and the call runs', async () => {
    const sub = mkdtempSync(path.join(dir, 'a-'));
    const { client, asked } = await connect(sub, '{approvers: [{role: dba}], elicitation_approval: true}',
      () => ({ action: 'accept', content: { decision: 'approve', reason: 'checked by a human in the interop client' } }));
    try {
      assert.match(client.getInstructions(), /Operating mode: fix\./);
      const result = await callBundle(client);
      assert.equal(result.isError, false, JSON.stringify(result));
      assert.notEqual(result.structuredContent?.status, 'pending_approval');
      assert.equal(asked.length, 1);
      assert.deepEqual(asked[0].requestedSchema.properties.decision.enum, ['approve', 'wait', 'cancel']);
      assert.match(asked[0].message, /create_incident_bundle on host:.* needs approval: Incident bundles need a DBA\./);
      assert.equal(bundles(sub), 1);
    } finally {
      await client.close();
    }
  });

  test('without the rule\'s opt-in an approve answer is ignored and declining cancels', async () => {
    const sub = mkdtempSync(path.join(dir, 'b-'));
    const answers = [{ action: 'accept', content: { decision: 'approve' } }, { action: 'decline' }];
    const { client, asked } = await connect(sub, '{approvers: [{role: dba}]}', () => answers.shift());
    try {
      const pending = await callBundle(client);
      assert.equal(pending.isError, false, JSON.stringify(pending));
      assert.equal(pending.structuredContent.status, 'pending_approval');
      assert.match(pending.structuredContent.approval_id, /^apr_[0-9a-f]{16}$/);
      assert.deepEqual(pending.structuredContent.approvers, ['role:dba']);
      assert.deepEqual(asked[0].requestedSchema.properties.decision.enum, ['wait', 'cancel']);

      const cancelled = await callBundle(client);
      assert.equal(cancelled.isError, true);
      assert.match(cancelled.content[0].text, /was cancelled in the client by alice; nothing ran/);
      assert.equal(bundles(sub), 0);
    } finally {
      await client.close();
    }
  });
});
