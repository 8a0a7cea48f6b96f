import * as assert from 'node:assert';
import type { ContainerStatusInput } from '../../../src/engine/util/containerStatus';
import { containerStatus, createdSince } from '../../../src/engine/util/containerStatus';

const now = Date.UTC(2025, 5, 1, 12, 0, 0);
const second = 1000;
const minute = 60 * second;

function state(overrides: Partial<ContainerStatusInput>): ContainerStatusInput {
  return { status: 'created', exitCode: 0, startedAt: 0, finishedAt: 0, ...overrides };
}

suite('containerStatus (moby State.String)', () => {
  const cases: [string, ContainerStatusInput, string][] = [
    ['a running container counts from startedAt', state({ status: 'running', startedAt: now - 5 * minute }), 'Up 5 minutes'],
    ['a container that just started', state({ status: 'running', startedAt: now - 200 }), 'Up Less than a second'],
    ['one minute up', state({ status: 'running', startedAt: now - 90 * second }), 'Up About a minute'],
    ['healthy', state({ status: 'running', startedAt: now - 5 * minute, health: { status: 'healthy' } }), 'Up 5 minutes (healthy)'],
    ['unhealthy', state({ status: 'running', startedAt: now - 5 * minute, health: { status: 'unhealthy' } }), 'Up 5 minutes (unhealthy)'],
    ['health starting', state({ status: 'running', startedAt: now - 5 * second, health: { status: 'starting' } }), 'Up 5 seconds (health: starting)'],
    ['health not yet set counts as unhealthy', state({ status: 'running', startedAt: now - 5 * second, health: { status: '' } }), 'Up 5 seconds (unhealthy)'],
    ['paused hides the health', state({ status: 'paused', startedAt: now - 5 * minute, health: { status: 'healthy' } }), 'Up 5 minutes (Paused)'],
    ['restarting counts from finishedAt and shows the last exit code', state({ status: 'restarting', exitCode: 1, startedAt: now - 10 * minute, finishedAt: now - 3 * second }), 'Restarting (1) 3 seconds ago'],
    ['removing', state({ status: 'removing', startedAt: now - minute, finishedAt: now - second }), 'Removal In Progress'],
    ['dead', state({ status: 'dead', startedAt: now - minute, finishedAt: now - second }), 'Dead'],
    ['never started', state({ status: 'created' }), 'Created'],
    ['a failed start keeps a zero startedAt and reads Created', state({ status: 'exited', exitCode: 127 }), 'Created'],
    ['exited counts from finishedAt', state({ status: 'exited', exitCode: 0, startedAt: now - minute, finishedAt: now - 3 * second }), 'Exited (0) 3 seconds ago'],
    ['exit code is shown as is', state({ status: 'exited', exitCode: 137, startedAt: now - 3 * 3_600_000, finishedAt: now - 2 * 3_600_000 }), 'Exited (137) 2 hours ago'],
    ['started but never finished and not running reads empty', state({ status: 'exited', startedAt: now - minute }), ''],
  ];
  for (const [what, input, expected] of cases) {
    test(`${what}: ${JSON.stringify(expected)}`, () => {
      assert.strictEqual(containerStatus(input, now), expected);
    });
  }
});

suite('createdSince (docker CREATED column)', () => {
  test('appends " ago" to the human duration', () => {
    assert.strictEqual(createdSince(now, now - 5 * minute), '5 minutes ago');
    assert.strictEqual(createdSince(now, now - 2 * 86_400_000), '2 days ago');
  });

  test('created within the current second reads Less than a second ago', () => {
    assert.strictEqual(createdSince(now + 500, now + 200), 'Less than a second ago');
  });

  test('created is truncated to whole seconds first, like the API Created field', () => {
    // 1.001 s apart in ms, but the creation second started 2 s before now.
    assert.strictEqual(createdSince(12_000, 10_999), '2 seconds ago');
  });
});
