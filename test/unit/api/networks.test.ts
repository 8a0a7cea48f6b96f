import * as assert from 'node:assert';
import { call, filters, json, post as postTo, serveLab, v } from '../helpers/apiClient';
import type { ServedLab } from '../helpers/apiClient';

// The network routes on the socket, as the docker CLI calls them: dockerd's
// status codes (403 for what it forbids) and messages, name/ID/prefix
// lookups, filters, and a container's network end to end.

suite('Engine API: networks', () => {
  let lab: ServedLab;
  let socket: string;
  const post = (url: string, body?: unknown) => postTo(socket, url, body);

  setup(async () => {
    lab = await serveLab('networks');
    ({ socket } = lab);
  });

  teardown(async () => {
    await lab.close();
  });

  test('the three predefined networks are listed; create answers 201 {Id, Warning}; inspect by name, ID and prefix', async () => {
    const list = json(await call(socket, 'GET', v('/networks'))) as { Name: string; Driver: string; Scope: string }[];
    assert.deepStrictEqual(list.map((network) => [network.Name, network.Driver, network.Scope]), [['bridge', 'bridge', 'local'], ['host', 'host', 'local'], ['none', 'null', 'local']]);
    const created = await post('/networks/create', { Name: 'app', Driver: 'bridge', IPAM: { Driver: 'default', Config: [], Options: {} }, Options: {}, Labels: {} });
    assert.strictEqual(created.status, 201);
    const { Id, Warning } = json(created) as { Id: string; Warning: string };
    assert.deepStrictEqual([Id.length, Warning], [64, '']);
    for (const term of ['app', Id, Id.slice(0, 5)]) {
      const inspect = json(await call(socket, 'GET', v(`/networks/${term}`))) as { Name: string; IPAM: unknown };
      assert.deepStrictEqual([inspect.Name, inspect.IPAM], ['app', { Driver: 'default', Options: {}, Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] }], term);
    }
    assert.deepStrictEqual((json(await call(socket, 'GET', v(`/networks?filters=${filters({ type: ['custom'] })}`))) as { Name: string }[]).map((network) => network.Name), ['app']);
  });

  test('dockerd\'s refusals: 409 a taken name, 403 a predefined one, 404 an unknown network or driver', async () => {
    await post('/networks/create', { Name: 'app' });
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/networks/create', { Name: 'app' }, 409, 'network with name app already exists'],
      ['POST', '/networks/create', { Name: 'none' }, 403, 'operation is not permitted on predefined none network '],
      ['POST', '/networks/create', { Name: 'p', Driver: 'weave' }, 404, 'plugin "weave" not found'],
      ['DELETE', '/networks/host', undefined, 403, 'host is a pre-defined network and cannot be removed'],
      ['DELETE', '/networks/nope', undefined, 404, 'network nope not found'],
      ['GET', '/networks/nope', undefined, 404, 'network nope not found'],
    ];
    for (const [method, url, body, status, message] of cases) {
      const answer = await call(socket, method, v(url), body === undefined ? undefined : JSON.stringify(body));
      assert.deepStrictEqual([answer.status, answer.headers['content-type'], json(answer)], [status, 'application/json', { message }], `${method} ${url}`);
    }
  });

  test('a container on the network: its endpoint in network inspect; DELETE refused (403) until it stops, then 204', async () => {
    await post('/images/create?fromImage=alpine&tag=latest');
    await post('/networks/create', { Name: 'app' });
    const { Id } = json(await post('/containers/create?name=db', { Image: 'alpine:latest', Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'app' } })) as { Id: string };
    assert.strictEqual((await post(`/containers/${Id}/start`)).status, 204);
    const network = json(await call(socket, 'GET', v('/networks/app'))) as { Containers: Record<string, { Name: string; IPv4Address: string; EndpointID: string }> };
    assert.deepStrictEqual(Object.keys(network.Containers), [Id]);
    const endpoint = network.Containers[Id];
    assert.deepStrictEqual([endpoint.Name, endpoint.IPv4Address], ['db', '172.18.0.2/16']);
    const refused = await call(socket, 'DELETE', v('/networks/app'));
    assert.deepStrictEqual([refused.status, json(refused)], [403, { message: `error while removing network: network app has active endpoints (name:"db" id:"${endpoint.EndpointID.slice(0, 12)}")` }]);
    await post(`/containers/${Id}/stop?t=0`);
    assert.strictEqual((await call(socket, 'DELETE', v('/networks/app'))).status, 204);
  });

  test('an unknown network: create 201, start 404 network X not found', async () => {
    await post('/images/create?fromImage=alpine&tag=latest');
    const created = await post('/containers/create', { Image: 'alpine:latest', HostConfig: { NetworkMode: 'nope' } });
    assert.strictEqual(created.status, 201);
    const started = await post(`/containers/${(json(created) as { Id: string }).Id}/start`);
    assert.deepStrictEqual([started.status, json(started)], [404, { message: 'network nope not found' }]);
  });

  test('prune: the unused user-defined networks by name, null when there are none', async () => {
    await post('/networks/create', { Name: 'spare' });
    assert.deepStrictEqual(json(await post('/networks/prune')), { NetworksDeleted: ['spare'] });
    assert.deepStrictEqual(json(await post('/networks/prune')), { NetworksDeleted: null });
    const bad = await post(`/networks/prune?filters=${filters({ dangling: ['true'] })}`);
    assert.deepStrictEqual([bad.status, json(bad)], [400, { message: 'invalid filter \'dangling\'' }]);
  });
});
