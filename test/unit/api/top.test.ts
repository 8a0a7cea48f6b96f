import * as assert from 'node:assert';
import { Engine } from '../../../src/engine/Engine';
import { call, json, serveLab } from '../helpers/apiClient';
import type { ServedLab } from '../helpers/apiClient';

// GET /containers/{id}/top as `docker top` calls it: ps's titles and
// fields (`-ef` by default), and moby daemon/top_unix.go's errors.

suite('Engine API: top', () => {
  let lab: ServedLab;
  let socket: string;
  let engine: Engine;

  setup(async () => {
    lab = await serveLab('top');
    ({ socket, engine } = lab);
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    await call(socket, 'POST', '/v1.50/containers/create?name=box', JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '1000'] }));
  });

  teardown(async () => {
    await lab.close();
  });

  test('ps -ef by default: the main process by its host PID (docker inspect\'s State.Pid)', async () => {
    await call(socket, 'POST', '/v1.50/containers/box/start');
    const pid = (json(await call(socket, 'GET', '/v1.50/containers/box/json')) as { State: { Pid: number } }).State.Pid;
    const answer = await call(socket, 'GET', '/v1.50/containers/box/top');
    assert.strictEqual(answer.status, 200);
    const top = json(answer) as { Titles: string[]; Processes: string[][] };
    assert.deepStrictEqual(top.Titles, ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    assert.strictEqual(top.Processes.length, 1);
    const [uid, shownPid, , cpu, started, tty, time, command] = top.Processes[0];
    assert.deepStrictEqual([uid, shownPid, cpu, tty, time, command], ['root', String(pid), '0', '?', '00:00:00', 'sleep 1000']);
    assert.match(started, /^\d\d:\d\d$/, 'started today: HH:MM');
    const plain = json(await call(socket, 'GET', '/v1.50/containers/box/top?ps_args=-e')) as { Titles: string[]; Processes: string[][] };
    assert.deepStrictEqual(plain, { Titles: ['PID', 'TTY', 'TIME', 'CMD'], Processes: [[String(pid), '?', '00:00:00', 'sleep']] });
  });

  test('errors: a container not running is 409, an unknown one 404, a renamed PID column 500, ps options the lab lacks 501', async () => {
    const id = engine.containerId('box');
    const stopped = await call(socket, 'GET', '/v1.50/containers/box/top');
    assert.deepStrictEqual([stopped.status, json(stopped)], [409, { message: `container ${id} is not running` }]);
    const unknown = await call(socket, 'GET', '/v1.50/containers/nosuch/top');
    assert.deepStrictEqual([unknown.status, json(unknown)], [404, { message: 'No such container: nosuch' }]);
    const renamed = await call(socket, 'GET', `/v1.50/containers/box/top?ps_args=${encodeURIComponent('-o user=PID')}`);
    assert.deepStrictEqual([renamed.status, json(renamed)], [500, { message: 'specifying "user=PID" is not allowed' }]);
    await call(socket, 'POST', '/v1.50/containers/box/start');
    const aux = await call(socket, 'GET', '/v1.50/containers/box/top?ps_args=aux');
    assert.strictEqual(aux.status, 501);
  });
});
