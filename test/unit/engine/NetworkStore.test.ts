import * as assert from 'node:assert';
import { ConflictError, EngineError, ForbiddenError, InvalidParameterError, NotFoundError, NotImplementedError } from '../../../src/engine/errors';
import { BRIDGE_NETWORK_ID, HOST_NETWORK_ID, NONE_NETWORK_ID, NetworkStore } from '../../../src/engine/networks/NetworkStore';
import type { NetworkCreateRequest } from '../../../src/engine/types';

// The daemon's networks as libnetwork keeps them: the three predefined ones,
// user-defined bridges on the default pools, moby's lookups and refusals with
// their messages, and the addresses containers lease.

const hex = (digit: string) => digit.repeat(64);

suite('engine: NetworkStore', () => {
  test('the predefined networks: bridge (172.17.0.0/16), host and none, with stable IDs', () => {
    const store = new NetworkStore(0);
    assert.deepStrictEqual(store.all().map((network) => [network.name, network.driver, network.id, network.subnet, network.gateway]), [
      ['bridge', 'bridge', BRIDGE_NETWORK_ID, '172.17.0.0/16', '172.17.0.1'],
      ['host', 'host', HOST_NETWORK_ID, '', ''],
      ['none', 'null', NONE_NETWORK_ID, '', ''],
    ]);
    assert.ok(['bridge', 'host', 'none', 'default'].every((name) => NetworkStore.isPredefined(name)));
    assert.strictEqual(NetworkStore.isPredefined('app'), false);
  });

  test('user-defined bridges take the next free default pool: 172.18, 172.19, ... then 192.168.x.0/20', () => {
    const store = new NetworkStore(0);
    const subnets: string[] = [];
    for (let index = 0; index < 16; index++) subnets.push(store.create({ Name: `n${index}` }, index.toString(16).padStart(64, '0'), 0).subnet);
    assert.deepStrictEqual(subnets.slice(0, 3), ['172.18.0.0/16', '172.19.0.0/16', '172.20.0.0/16']);
    assert.strictEqual(subnets[13], '172.31.0.0/16');
    assert.deepStrictEqual(subnets.slice(14), ['192.168.0.0/20', '192.168.16.0/20']);
    // A removed network's pool is free again, and the lowest free pool is the next one.
    store.remove(store.byName('n1')!.id);
    assert.strictEqual(store.create({ Name: 'again' }, hex('f'), 0).subnet, '172.19.0.0/16');
  });

  test('creation is refused as moby refuses it, with its status and message', () => {
    const cases: [NetworkCreateRequest, new (message: string) => EngineError, string][] = [
      [{ Name: 'bridge' }, ForbiddenError, 'operation is not permitted on predefined bridge network '],
      [{ Name: 'default' }, ForbiddenError, 'operation is not permitted on predefined default network '],
      [{ Name: 'taken' }, ConflictError, 'network with name taken already exists'],
      [{ Name: '' }, InvalidParameterError, 'invalid name: name is empty'],
      [{ Name: 'h', Driver: 'host' }, ForbiddenError, 'only one instance of "host" network is allowed'],
      [{ Name: 'n', Driver: 'null' }, ForbiddenError, 'only one instance of "null" network is allowed'],
      [{ Name: 'o', Driver: 'overlay' }, ForbiddenError, 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'],
      [{ Name: 'p', Driver: 'weave' }, NotFoundError, 'plugin "weave" not found'],
      [{ Name: 'm', Driver: 'macvlan' }, NotImplementedError, 'the macvlan network driver is not simulated in Docker Lab: use a bridge network'],
      [{ Name: 'six', EnableIPv6: true }, NotImplementedError, 'IPv6 networks are not simulated in Docker Lab'],
      [{ Name: 'clash', IPAM: { Config: [{ Subnet: '172.17.5.0/24' }] } }, ForbiddenError, 'invalid pool request: Pool overlaps with other one on this address space'],
      [{ Name: 'host-bits', IPAM: { Config: [{ Subnet: '10.1.0.5/24' }] } }, InvalidParameterError, 'invalid network config:\ninvalid subnet 10.1.0.5/24: it should be 10.1.0.0/24'],
      [{ Name: 'cidr', IPAM: { Config: [{ Subnet: '10.1.0.0' }] } }, InvalidParameterError, 'invalid network config:\ninvalid subnet 10.1.0.0: invalid CIDR block notation'],
      [
        { Name: 'two', IPAM: { Config: [{ Subnet: '10.1.0.0/24', Gateway: '10.2.0.1', IPRange: '10.1.0.0/16' }] } },
        InvalidParameterError,
        'invalid network config:\n* invalid ip-range 10.1.0.0/16: CIDR block is bigger than its parent subnet 10.1.0.0/24\n* invalid gateway 10.2.0.1: parent subnet 10.1.0.0/24 doesn\'t contain this address',
      ],
    ];
    for (const [request, kind, message] of cases) {
      const store = new NetworkStore(0);
      store.create({ Name: 'taken' }, hex('a'), 0);
      assert.throws(() => store.create(request, hex('b'), 0), (e: unknown) => e instanceof kind && e.message === message, JSON.stringify(request));
    }
  });

  test('a chosen subnet is kept as given; the gateway defaults to its first address', () => {
    const store = new NetworkStore(0);
    const chosen = store.create({ Name: 'ten', IPAM: { Driver: 'default', Config: [{ Subnet: '10.10.0.0/24' }], Options: {} } }, hex('c'), 0);
    assert.deepStrictEqual([chosen.subnet, chosen.gateway, chosen.ipamConfig, chosen.ipamOptions], ['10.10.0.0/24', '10.10.0.1', { Subnet: '10.10.0.0/24' }, {}]);
    const gateway = store.create({ Name: 'gw', IPAM: { Config: [{ Subnet: '10.11.0.0/24', Gateway: '10.11.0.254' }] } }, hex('d'), 0);
    assert.strictEqual(gateway.gateway, '10.11.0.254');
    assert.deepStrictEqual(store.lease(gateway.id)?.ip, '10.11.0.1', 'the first address is free when the gateway is elsewhere');
  });

  test('FindNetwork: full ID, then name, then a unique ID prefix; not found and ambiguous as moby says', () => {
    const store = new NetworkStore(0);
    store.create({ Name: 'app' }, `ab${'1'.repeat(62)}`, 0);
    store.create({ Name: 'web' }, `ab${'2'.repeat(62)}`, 0);
    assert.strictEqual(store.find('app').name, 'app');
    assert.strictEqual(store.find(`ab${'2'.repeat(62)}`).name, 'web');
    assert.strictEqual(store.find('ab1').name, 'app');
    assert.strictEqual(store.find('c2b3').name, 'bridge');
    assert.throws(() => store.find('ab'), (e: unknown) => e instanceof InvalidParameterError && e.message === 'network ab is ambiguous (2 matches found based on ID prefix)');
    assert.throws(() => store.find('nope'), (e: unknown) => e instanceof NotFoundError && e.message === 'network nope not found');
  });

  test('leases: the lowest free address after the gateway, reused when given back; none on host and none', () => {
    const store = new NetworkStore(0);
    const app = store.create({ Name: 'app' }, hex('e'), 0);
    const first = store.lease(app.id);
    const second = store.lease(app.id);
    assert.deepStrictEqual(first, { ip: '172.18.0.2', prefixLength: 16, gateway: '172.18.0.1' });
    assert.strictEqual(second?.ip, '172.18.0.3');
    store.release(app.id, '172.18.0.2');
    assert.strictEqual(store.lease(app.id)?.ip, '172.18.0.2');
    assert.strictEqual(store.lease(app.id, '172.18.0.9')?.ip, '172.18.0.9', 'a preferred free address is kept (a restored container)');
    assert.strictEqual(store.lease(BRIDGE_NETWORK_ID)?.ip, '172.17.0.2');
    assert.strictEqual(store.lease(HOST_NETWORK_ID), undefined);
    assert.strictEqual(store.lease(NONE_NETWORK_ID), undefined);
  });

  test('an ip-range narrows the addresses handed out; a full pool is an error', () => {
    const store = new NetworkStore(0);
    const tiny = store.create({ Name: 'tiny', IPAM: { Config: [{ Subnet: '10.9.0.0/30' }] } }, hex('9'), 0);
    assert.strictEqual(store.lease(tiny.id)?.ip, '10.9.0.2');
    assert.throws(() => store.lease(tiny.id), /no available IPv4 addresses/);
    const ranged = store.create({ Name: 'ranged', IPAM: { Config: [{ Subnet: '10.8.0.0/24', IPRange: '10.8.0.128/25' }] } }, hex('8'), 0);
    assert.strictEqual(store.lease(ranged.id)?.ip, '10.8.0.128');
  });

  test('export keeps the user-defined networks only; import brings them back beside the predefined ones', () => {
    const store = new NetworkStore(0);
    store.create({ Name: 'app', Labels: { tier: 'db' } }, hex('7'), 1234);
    const saved = JSON.parse(JSON.stringify(store.export())) as ReturnType<NetworkStore['export']>;
    assert.deepStrictEqual(saved.map((network) => network.name), ['app']);
    const restored = new NetworkStore(0);
    restored.import(saved);
    assert.deepStrictEqual(restored.all().map((network) => network.name), ['bridge', 'host', 'none', 'app']);
    assert.deepStrictEqual(restored.byName('app')?.labels, { tier: 'db' });
    assert.strictEqual(restored.lease(hex('7'))?.ip, '172.18.0.2', 'no address is held after a restore');
  });
});
