// The A2A JS SDK (@a2a-js/sdk, an independent client nobody here wrote) against a running aiHelpDesk
// server (`helpdesk demo`, started by run.sh; its base URL in A2A_BASE): the agent cards, then for
// each protocol version — 1.0 natively, 0.3 through the SDK's legacyCompat layer — message/send with
// a data part (a governed tool call, no LLM) and with text (the offline chat), streaming, tasks/get,
// tasks/cancel and tasks/resubscribe.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TaskState, Role } from '@a2a-js/sdk';
import {
  ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory,
} from '@a2a-js/sdk/client';

const BASE = process.env.A2A_BASE;
if (!BASE) throw new Error('A2A_BASE (the server, e.g. http://127.0.0.1:8080) is not set');
const AGENTS = ['postgres_database_agent', 'k8s_agent', 'incident_agent', 'helpdesk_orchestrator'];

const textPart = (value) => ({ content: { $case: 'text', value }, filename: '', mediaType: '' });
const dataPart = (value) => ({ content: { $case: 'data', value }, filename: '', mediaType: 'application/json' });
const message = (parts, metadata) => ({
  messageId: randomUUID(), contextId: '', taskId: '', role: Role.ROLE_USER, parts, metadata,
  extensions: [], referenceTaskIds: [],
});
const stateName = (task) => TaskState[task.status.state];
const texts = (parts) => parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value);

async function rawCard(path) {
  const r = await fetch(BASE + path);
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
}

describe('agent cards', () => {
  test('the server card is the orchestrator and each domain agent has its own card', async () => {
    const root = await rawCard('/.well-known/agent-card.json');
    assert.equal(root.name, 'helpdesk_orchestrator');
    for (const name of AGENTS) {
      const card = await rawCard(`/a2a/${name}/.well-known/agent-card.json`);
      assert.equal(card.name, name);
      assert.equal(card.capabilities.streaming, true);
      assert.deepEqual(card.supportedInterfaces.map((i) => `${i.protocolBinding} ${i.protocolVersion}`), ['JSONRPC 1.0', 'JSONRPC 0.3']);
      assert.ok(card.skills.length > 1, `${name} has skills`);
      for (const s of card.skills) {
        assert.ok(s.id && s.description && s.tags.length > 0 && s.examples.length > 0, `skill ${s.id} is complete`);
      }
    }
    const db = await rawCard('/a2a/postgres_database_agent/.well-known/agent-card.json');
    const locks = db.skills.find((s) => s.id === 'get_lock_info');
    assert.ok(locks.tags.includes('postgresql') && locks.tags.includes('locks'), JSON.stringify(locks.tags));
  });

  test('the SDK resolves a card as A2A 1.0', async () => {
    const resolver = new DefaultAgentCardResolver();
    const card = await resolver.resolve(`${BASE}/a2a/k8s_agent/`);
    assert.equal(card.name, 'k8s_agent');
    assert.ok(card.skills.some((s) => s.id === 'get_pods'));
  });
});

/** A client of one agent: 1.0 from the card as served; 0.3 from the card as a 0.3 peer reads it. */
async function clientFor(agent, version) {
  if (version === '1.0') {
    // the SDK resolves the card path relative to the base URL, so an agent under a path ends in a slash
    return new ClientFactory().createFromUrl(`${BASE}/a2a/${agent}/`);
  }
  const legacyCard = await rawCard(`/a2a/${agent}/.well-known/agent-card.json`);
  delete legacyCard.supportedInterfaces; // what a 0.3-only card looks like: url + protocolVersion 0.3.0
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    cardResolver: new DefaultAgentCardResolver({ legacyCompat: { enabled: true } }),
    transports: [new JsonRpcTransportFactory({ legacyCompat: { enabled: true } })],
  }));
  return factory.createFromAgentCard(legacyCard);
}

for (const version of ['1.0', '0.3']) {
  describe(`A2A ${version}${version === '0.3' ? ' (legacyCompat)' : ''}`, () => {
    let db;
    before(async () => {
      db = await clientFor('postgres_database_agent', version);
      assert.equal(db.protocolVersion, version);
    });

    test('a data part runs exactly that tool: completed, with a data and a text part', async () => {
      const trace = `tr_js_${version.replace('.', '')}_data`;
      const task = await db.sendMessage({
        message: message([dataPart({ tool: 'get_lock_info', arguments: { connection_string: 'demo' } })], { trace_id: trace }),
      });
      assert.equal(stateName(task), 'TASK_STATE_COMPLETED', JSON.stringify(task.status));
      assert.equal(task.metadata.trace_id, trace);
      const [artifact] = task.artifacts;
      assert.equal(artifact.name, 'get_lock_info');
      assert.equal(artifact.parts[0].content.$case, 'data');
      assert.deepEqual(Object.keys(artifact.parts[0].content.value).sort(), ['blocking_pairs', 'count', 'truncated']);
      assert.match(texts(artifact.parts)[0], /^No blocking locks found\./);
    });

    test('text goes to the chat (offline: routed to diagnose)', async () => {
      const task = await db.sendMessage({ message: message([textPart('is demo slow?')]) });
      assert.equal(stateName(task), 'TASK_STATE_COMPLETED', JSON.stringify(task.status));
      assert.match(texts(task.artifacts[0].parts)[0], /^→ diagnose demo/);
    });

    test('a failed tool is a failed task with the diagnosis', async () => {
      const task = await db.sendMessage({
        message: message([dataPart({ tool: 'check_connection', arguments: { connection_string: 'host=127.0.0.1 port=1 dbname=x user=x connect_timeout=2' } })]),
      });
      assert.equal(stateName(task), 'TASK_STATE_FAILED');
      assert.match(texts(task.status.message.parts)[0], /^ERROR — check_connection failed/);
    });

    test('streaming: the task, working, the artifact, then completed', async () => {
      const events = [];
      for await (const e of db.sendMessageStream({
        message: message([dataPart({ tool: 'get_connection_stats', arguments: { connection_string: 'demo' } })]),
      })) {
        events.push(e.payload.$case);
        if (e.payload.$case === 'statusUpdate') events.push(stateName(e.payload.value));
        if (e.payload.$case === 'artifactUpdate') assert.equal(e.payload.value.artifact.parts[0].content.$case, 'data');
      }
      assert.deepEqual(events, ['task', 'statusUpdate', 'TASK_STATE_WORKING', 'artifactUpdate', 'statusUpdate', 'TASK_STATE_COMPLETED']);
    });

    test('tasks/get returns the task; tasks/cancel refuses a task that has ended', async () => {
      const sent = await db.sendMessage({ message: message([dataPart({ tool: 'get_server_info', arguments: { connection_string: 'demo' } })]) });
      const got = await db.getTask({ id: sent.id });
      assert.equal(got.id, sent.id);
      assert.equal(stateName(got), 'TASK_STATE_COMPLETED');
      await assert.rejects(db.cancelTask({ id: sent.id }), (e) => e.name === 'TaskNotCancelableError' && /cannot be canceled/.test(e.message));
      await assert.rejects(db.getTask({ id: 'no-such-task' }), (e) => e.name === 'TaskNotFoundError');
    });

    test('a task started without waiting can be subscribed to until it ends', async () => {
      const incident = await clientFor('incident_agent', version);
      const started = await incident.sendMessage({
        message: message([dataPart({ tool: 'create_incident_bundle', arguments: { infra_key: 'demo', description: `interop ${version}` } })]),
        configuration: { returnImmediately: true },
      });
      assert.equal(stateName(started), 'TASK_STATE_WORKING'); // a bundle takes seconds: it is still being written
      const seen = [];
      for await (const e of incident.resubscribeTask({ id: started.id })) {
        seen.push(e.payload.$case);
        if (e.payload.$case === 'statusUpdate') seen.push(stateName(e.payload.value));
      }
      assert.deepEqual(seen.slice(-3), ['artifactUpdate', 'statusUpdate', 'TASK_STATE_COMPLETED']);
    });

    test('tasks/cancel ends a task that is still running', async () => {
      const incident = await clientFor('incident_agent', version);
      const started = await incident.sendMessage({
        message: message([dataPart({ tool: 'create_incident_bundle', arguments: { infra_key: 'demo', description: `cancel ${version}` } })]),
        configuration: { returnImmediately: true },
      });
      assert.equal(stateName(started), 'TASK_STATE_WORKING');
      const canceled = await incident.cancelTask({ id: started.id });
      assert.equal(stateName(canceled), 'TASK_STATE_CANCELED');
      assert.equal(stateName(await incident.getTask({ id: started.id })), 'TASK_STATE_CANCELED');
    });

    test('a tool of another agent is refused with invalid params', async () => {
      await assert.rejects(db.sendMessage({ message: message([dataPart({ tool: 'get_pods', arguments: {} })]) }),
        (e) => /is a skill of k8s_agent/.test(e.message));
    });
  });
}
