import * as assert from 'node:assert';
import { Engine } from '../../../src/engine/Engine';
import { call, filters, json, serveLab } from '../helpers/apiClient';
import type { ServedLab } from '../helpers/apiClient';

// POST /containers/prune and POST /images/prune as `docker container prune`
// and `docker image prune [-a]` send them: the daemon's report (null
// lists when nothing went), its filters, and its errors.

suite('Engine API: prune', () => {
  let lab: ServedLab;
  let socket: string;
  let engine: Engine;

  const create = async (name: string, cmd: string[], labels: Record<string, string> = {}) => {
    const answer = await call(socket, 'POST', `/v1.50/containers/create?name=${name}`, JSON.stringify({ Image: 'alpine', Cmd: cmd, Labels: labels }));
    return (json(answer) as { Id: string }).Id;
  };
  const runToEnd = async (name: string, cmd: string[]) => {
    const id = await create(name, cmd);
    const wait = call(socket, 'POST', `/v1.50/containers/${id}/wait?condition=next-exit`);
    await call(socket, 'POST', `/v1.50/containers/${id}/start`);
    await wait;
    return id;
  };

  setup(async () => {
    lab = await serveLab('prune');
    ({ socket, engine } = lab);
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
  });

  teardown(async () => {
    await lab.close();
  });

  test('container prune: the stopped and created containers go, the running stay; the report counts their writable layers', async () => {
    const created = await create('fresh', ['true']);
    const exited = await runToEnd('writer', ['sh', '-c', 'echo hello > /greeting']);
    const running = await create('sleeper', ['sleep', '1000']);
    await call(socket, 'POST', `/v1.50/containers/${running}/start`);
    const sizes = json(await call(socket, 'GET', '/v1.50/containers/json?all=1&size=1')) as { Id: string; SizeRw: number }[];
    const written = sizes.find((c) => c.Id === exited)?.SizeRw ?? 0;
    assert.ok(written > 0);
    const answer = await call(socket, 'POST', '/v1.50/containers/prune');
    assert.deepStrictEqual([answer.status, answer.headers['content-type']], [200, 'application/json']);
    assert.deepStrictEqual(json(answer), { ContainersDeleted: [exited, created], SpaceReclaimed: written });
    const left = json(await call(socket, 'GET', '/v1.50/containers/json?all=1')) as { Id: string }[];
    assert.deepStrictEqual(left.map((c) => c.Id), [running]);
    // Nothing left to prune: null, not [], as Go encodes an empty slice it never made.
    assert.strictEqual((await call(socket, 'POST', '/v1.50/containers/prune')).body.toString(), '{"ContainersDeleted":null,"SpaceReclaimed":0}\n');
  });

  test('container prune filters: label and until select; other keys are 400', async () => {
    const labelled = await create('labelled', ['true'], { keep: 'no' });
    await create('other', ['true']);
    const answer = await call(socket, 'POST', `/v1.50/containers/prune?filters=${filters({ label: ['keep=no'] })}`);
    assert.deepStrictEqual(json(answer), { ContainersDeleted: [labelled], SpaceReclaimed: 0 });
    const young = await call(socket, 'POST', `/v1.50/containers/prune?filters=${filters({ until: ['1h'] })}`);
    assert.deepStrictEqual(json(young), { ContainersDeleted: null, SpaceReclaimed: 0 }, 'created just now: not before an hour ago');
    const unknown = await call(socket, 'POST', `/v1.50/containers/prune?filters=${filters({ status: ['exited'] })}`);
    assert.deepStrictEqual([unknown.status, json(unknown)], [400, { message: "invalid filter 'status'" }]);
    const badUntil = await call(socket, 'POST', `/v1.50/containers/prune?filters=${filters({ until: ['soon'] })}`);
    assert.deepStrictEqual([badUntil.status, json(badUntil)], [400, { message: 'failed to parse value as time or duration: "soon"' }]);
  });

  test('image prune: dangling only by default; dangling=false takes every unused image, in Untagged/Deleted records', async () => {
    const box = await create('box', ['sleep', '1000']);
    await call(socket, 'POST', `/v1.50/containers/${box}/start`);
    // Two commits to one tag, the container's files changed in between: the first image is left dangling.
    const write = async (text: string) => {
      const exec = json(await call(socket, 'POST', '/v1.50/containers/box/exec', JSON.stringify({ Cmd: ['sh', '-c', `echo ${text} > /note`] }))) as { Id: string };
      await call(socket, 'POST', `/v1.50/exec/${exec.Id}/start`, JSON.stringify({ Detach: true }));
      while ((json(await call(socket, 'GET', `/v1.50/exec/${exec.Id}/json`)) as { Running: boolean }).Running) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await write('one');
    const first = (json(await call(socket, 'POST', '/v1.50/commit?container=box&repo=mine&tag=v1')) as { Id: string }).Id;
    await write('two two');
    const second = (json(await call(socket, 'POST', '/v1.50/commit?container=box&repo=mine&tag=v1')) as { Id: string }).Id;
    const layerOf = (id: string) => engine.imageLayers(id).slice(-1)[0];
    const [firstLayer, secondLayer] = [layerOf(first), layerOf(second)];
    const dangling = await call(socket, 'POST', `/v1.50/images/prune?filters=${filters({ dangling: ['true'] })}`);
    assert.deepStrictEqual(json(dangling), { ImagesDeleted: [{ Deleted: first }, { Deleted: firstLayer.chainId }], SpaceReclaimed: firstLayer.size });
    const all = await call(socket, 'POST', `/v1.50/images/prune?filters=${filters({ dangling: ['false'] })}`);
    assert.deepStrictEqual(json(all), { ImagesDeleted: [{ Untagged: 'mine:v1' }, { Deleted: second }, { Deleted: secondLayer.chainId }], SpaceReclaimed: secondLayer.size });
    const images = json(await call(socket, 'GET', '/v1.50/images/json')) as { RepoTags: string[] }[];
    assert.deepStrictEqual(images.map((image) => image.RepoTags), [['alpine:latest']], 'alpine stays: box uses it');
    assert.strictEqual((await call(socket, 'POST', '/v1.50/images/prune')).body.toString(), '{"ImagesDeleted":null,"SpaceReclaimed":0}\n');
  });

  test('image prune errors: an unknown key and an unclear dangling are 400, a malformed until is 500', async () => {
    const unknown = await call(socket, 'POST', `/v1.50/images/prune?filters=${filters({ reference: ['alpine'] })}`);
    assert.deepStrictEqual([unknown.status, json(unknown)], [400, { message: "invalid filter 'reference'" }]);
    const unclear = await call(socket, 'POST', `/v1.50/images/prune?filters=${filters({ dangling: ['maybe'] })}`);
    assert.deepStrictEqual([unclear.status, json(unclear)], [400, { message: "invalid filter 'dangling=[maybe]'" }]);
    const badUntil = await call(socket, 'POST', `/v1.50/images/prune?filters=${filters({ until: ['soon'] })}`);
    assert.deepStrictEqual([badUntil.status, json(badUntil)], [500, { message: 'failed to parse value as time or duration: "soon"' }]);
  });
});
