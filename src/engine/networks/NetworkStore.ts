import { ConflictError, ForbiddenError, InvalidParameterError, NotFoundError, NotImplementedError } from '../errors';
import type { IPAMConfig, NetworkCreateRequest } from '../types';

/** The default bridge's ID: the one the engine always had. */
export const BRIDGE_NETWORK_ID = 'c2b3e0b4d6a8f0e1d3c5b7a9f1e3d5c7b9a1f3e5d7c9b1a3f5e7d9c1b3a5f7e9';
/** The host network's ID. */
export const HOST_NETWORK_ID = '5d8f7a3c9e1b2d4f6a8c0e2b4d6f8a1c3e5b7d9f1a3c5e7b9d2f4a6c8e0b1d3f';
/** The none network's ID. */
export const NONE_NETWORK_ID = '9a1c3e5f7b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a';

/** The names docker reserves (daemon/network.IsPredefined on Linux): its three networks and `default`. */
const PREDEFINED_NAMES = ['bridge', 'host', 'none', 'default'];

/** The drivers dockerd has built in (libnetwork's BuiltinDrivers on Linux). */
const BUILTIN_DRIVERS = ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'];

/**
 * A network as the daemon keeps it: plain data, so a snapshot is just this
 * record. Addresses held by containers are not kept: containers take them
 * again when they start.
 */
export interface NetworkRecord {
  id: string;
  name: string;
  /** `bridge`, `host` or `null`. */
  driver: string;
  /** ms since the epoch. */
  created: number;
  internal: boolean;
  attachable: boolean;
  /** `172.18.0.0/16`; '' for host and none. */
  subnet: string;
  /** `172.18.0.1`; '' for host and none. */
  gateway: string;
  /** The sub-range containers take their addresses from (`--ip-range`), '' for the whole subnet. */
  ipRange: string;
  /** The pool as the client gave it (`--subnet`, `--gateway`, `--ip-range`): inspect shows it as given. Null when docker chose. */
  ipamConfig: IPAMConfig | null;
  options: Record<string, string>;
  labels: Record<string, string>;
  ipamDriver: string;
  ipamOptions: Record<string, string> | null;
}

/** An address a container holds on a network. */
export interface Lease {
  ip: string;
  prefixLength: number;
  gateway: string;
}

/**
 * libnetwork's default local address pools (ipamutils): 172.17.0.0/16 to
 * 172.31.0.0/16, then 192.168.0.0/16 in /20 steps. A new bridge network
 * takes the first that overlaps no other network's subnet.
 */
function* defaultPools(): Generator<{ base: number; bits: number }> {
  for (let second = 17; second <= 31; second++) yield { base: toNumber(`172.${second}.0.0`), bits: 16 };
  for (let third = 0; third < 256; third += 16) yield { base: toNumber(`192.168.${third}.0`), bits: 20 };
}

/**
 * The daemon's networks (libnetwork's controller with the bridge, host and
 * null drivers and the default IPAM): the three predefined networks, the
 * user-defined bridges, and the addresses their containers hold. Lookups,
 * refusals and messages are moby v28.2.2's.
 */
export class NetworkStore {
  private readonly networks = new Map<string, NetworkRecord>();
  /** Addresses in use, per network ID (the gateway is never handed out). */
  private readonly leases = new Map<string, Set<string>>();

  /** `started`: when the daemon made its predefined networks (their Created). */
  constructor(private readonly started: number) {
    this.reset();
  }

  /** Back to the three predefined networks, no address in use. */
  reset(): void {
    this.networks.clear();
    this.leases.clear();
    for (const record of predefinedNetworks(this.started)) this.add(record);
  }

  /** Every network: the predefined ones first, then the others as they were made. */
  all(): NetworkRecord[] {
    return [...this.networks.values()];
  }

  /** The network with exactly this name. */
  byName(name: string): NetworkRecord | undefined {
    return [...this.networks.values()].find((network) => network.name === name);
  }

  /**
   * The daemon's FindNetwork: a full ID, a full name, then a unique ID
   * prefix. Throws `network X not found` (404) or an ambiguity (400).
   */
  find(term: string): NetworkRecord {
    const exact = this.networks.get(term);
    if (exact) return exact;
    const named = this.byName(term);
    if (named) return named;
    const prefixed = term === '' ? [] : [...this.networks.values()].filter((network) => network.id.startsWith(term));
    if (prefixed.length === 1) return prefixed[0];
    if (prefixed.length > 1) throw new InvalidParameterError(`network ${term} is ambiguous (${prefixed.length} matches found based on ID prefix)`);
    throw new NotFoundError(`network ${term} not found`);
  }

  /** Whether docker made this network itself (bridge, host, none): it cannot be removed. */
  static isPredefined(name: string): boolean {
    return PREDEFINED_NAMES.includes(name);
  }

  /**
   * `POST /networks/create` as moby's createNetwork and libnetwork's
   * NewNetwork check it, in their order: a predefined name, swarm-only
   * options, the IPAM config, the name, the driver, then the address pool.
   * Drivers the lab does not simulate (macvlan, ipvlan) are refused plainly
   * (501), never faked.
   */
  create(request: NetworkCreateRequest, id: string, now: number): NetworkRecord {
    const name = request.Name ?? '';
    if (NetworkStore.isPredefined(name)) throw new ForbiddenError(`operation is not permitted on predefined ${name} network `);
    const driver = request.Driver || 'bridge';
    if (driver === 'overlay') {
      throw new ForbiddenError('This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
    }
    if (request.EnableIPv6 === true) throw new NotImplementedError('IPv6 networks are not simulated in Docker Lab');
    if (request.EnableIPv4 === false) throw new NotImplementedError('networks without IPv4 are not simulated in Docker Lab');
    const configs = request.IPAM?.Config ?? [];
    validateIpam(configs);
    if (request.ConfigOnly || request.ConfigFrom?.Network) throw new NotImplementedError('config-only networks are not simulated in Docker Lab');
    if (name.trim() === '') throw new InvalidParameterError('invalid name: name is empty');
    if (this.byName(name)) throw new ConflictError(`network with name ${name} already exists`);
    if (!BUILTIN_DRIVERS.includes(driver)) throw new NotFoundError(`plugin "${driver}" not found`);
    if (driver === 'host' || driver === 'null') throw new ForbiddenError(`only one instance of "${driver}" network is allowed`);
    if (driver !== 'bridge') throw new NotImplementedError(`the ${driver} network driver is not simulated in Docker Lab: use a bridge network`);
    if (request.Scope === 'swarm') throw new ForbiddenError('cannot create a swarm scoped network when swarm is not active');
    if (request.Ingress) throw new ForbiddenError('Ingress network can only be global scope network');
    if (request.IPAM?.Driver && request.IPAM.Driver !== 'default') throw new NotFoundError(`plugin "${request.IPAM.Driver}" not found`);
    if (configs.length > 1) throw new NotImplementedError('networks with more than one subnet are not simulated in Docker Lab');

    const config = configs[0];
    let subnet: string;
    if (config?.Subnet) {
      const wanted = parseCidr(config.Subnet);
      if (this.overlapsAny(wanted)) throw new ForbiddenError('invalid pool request: Pool overlaps with other one on this address space');
      subnet = formatCidr(wanted);
    } else {
      subnet = this.freePool();
    }
    const pool = parseCidr(subnet);
    const record: NetworkRecord = {
      id,
      name,
      driver,
      created: now,
      internal: !!request.Internal,
      attachable: !!request.Attachable,
      subnet,
      gateway: config?.Gateway || toAddress(pool.base + 1),
      ipRange: config?.IPRange ?? '',
      ipamConfig: config?.Subnet ? pickIpamConfig(config) : null,
      options: { ...(request.Options ?? {}) },
      labels: { ...(request.Labels ?? {}) },
      ipamDriver: 'default',
      ipamOptions: request.IPAM ? { ...(request.IPAM.Options ?? {}) } : null,
    };
    this.add(record);
    return record;
  }

  /** Forgets a network (the caller has checked it may go). */
  remove(id: string): void {
    this.networks.delete(id);
    this.leases.delete(id);
  }

  /**
   * An address on the network for a container: the lowest free one of its
   * range (the gateway and the subnet's first and last addresses excluded),
   * or `preferred` when it is still free (a container resuming after a
   * restore keeps its address). Undefined on host and none, which hand out
   * none. Throws when the pool is used up.
   */
  lease(id: string, preferred = ''): Lease | undefined {
    const network = this.networks.get(id);
    if (!network || !network.subnet) return undefined;
    const used = this.leases.get(id) ?? new Set<string>();
    this.leases.set(id, used);
    const pool = parseCidr(network.subnet);
    const range = network.ipRange ? parseCidr(network.ipRange) : pool;
    const prefixLength = pool.bits;
    const last = pool.base + 2 ** (32 - pool.bits) - 1;
    const usable = (address: number) => address > pool.base && address < last && toAddress(address) !== network.gateway;
    if (preferred && !used.has(preferred) && inCidr(toNumber(preferred), range) && usable(toNumber(preferred))) {
      used.add(preferred);
      return { ip: preferred, prefixLength, gateway: network.gateway };
    }
    const size = 2 ** (32 - range.bits);
    for (let offset = 0; offset < size; offset++) {
      const address = range.base + offset;
      if (!usable(address)) continue;
      const ip = toAddress(address);
      if (used.has(ip)) continue;
      used.add(ip);
      return { ip, prefixLength, gateway: network.gateway };
    }
    throw new InvalidParameterError(`no available IPv4 addresses on this network's address pools: ${network.name} (${network.id})`);
  }

  /** Gives an address back. */
  release(id: string, ip: string): void {
    if (ip) this.leases.get(id)?.delete(ip);
  }

  /** The user-defined networks, as plain data (the predefined ones are always there). */
  export(): NetworkRecord[] {
    return this.all().filter((network) => !NetworkStore.isPredefined(network.name)).map((network) => structuredClone(network));
  }

  /** The predefined networks and `records`, no address in use. */
  import(records: readonly NetworkRecord[]): void {
    this.reset();
    for (const record of records) this.add(structuredClone(record));
  }

  private add(record: NetworkRecord): void {
    this.networks.set(record.id, record);
    this.leases.set(record.id, new Set());
  }

  private overlapsAny(wanted: { base: number; bits: number }): boolean {
    return this.all().some((network) => network.subnet !== '' && overlaps(parseCidr(network.subnet), wanted));
  }

  private freePool(): string {
    for (const pool of defaultPools()) {
      if (!this.overlapsAny(pool)) return formatCidr(pool);
    }
    throw new InvalidParameterError('all predefined address pools have been fully subnetted');
  }
}

/** The three networks dockerd makes at start (the bridge as its daemon config has it). */
function predefinedNetworks(created: number): NetworkRecord[] {
  const common = { created, internal: false, attachable: false, ipRange: '', ipamConfig: null, labels: {}, ipamDriver: 'default', ipamOptions: null };
  return [
    {
      ...common,
      id: BRIDGE_NETWORK_ID,
      name: 'bridge',
      driver: 'bridge',
      subnet: '172.17.0.0/16',
      gateway: '172.17.0.1',
      // daemon_unix.go initBridgeDriver's options, with the daemon's defaults.
      options: {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0',
        'com.docker.network.driver.mtu': '1500',
      },
    },
    { ...common, id: HOST_NETWORK_ID, name: 'host', driver: 'host', subnet: '', gateway: '', options: {} },
    { ...common, id: NONE_NETWORK_ID, name: 'none', driver: 'null', subnet: '', gateway: '', options: {} },
  ];
}

/**
 * moby's ValidateIPAM (api/types/network/ipam.go) for IPv4 configs: each
 * mistake is listed, one per line, under `invalid network config:`.
 */
function validateIpam(configs: readonly IPAMConfig[]): void {
  const errors: string[] = [];
  for (const config of configs) {
    const subnet = tryCidr(config.Subnet ?? '');
    if (!subnet) {
      errors.push(`invalid subnet ${config.Subnet ?? ''}: invalid CIDR block notation`);
      continue;
    }
    if (!subnet.masked) errors.push(`invalid subnet ${config.Subnet}: it should be ${formatCidr(subnet)}`);
    if (config.IPRange) {
      const range = tryCidr(config.IPRange);
      if (!range) {
        errors.push(`invalid ip-range ${config.IPRange}: invalid CIDR block notation`);
      } else {
        if (range.bits < subnet.bits) errors.push(`invalid ip-range ${config.IPRange}: CIDR block is bigger than its parent subnet ${config.Subnet}`);
        if (!range.masked) errors.push(`invalid ip-range ${config.IPRange}: it should be ${formatCidr(range)}`);
        if (!overlaps(subnet, range)) errors.push(`invalid ip-range ${config.IPRange}: parent subnet ${config.Subnet} doesn't contain ip-range`);
      }
    }
    if (config.Gateway) {
      if (!isAddress(config.Gateway)) errors.push(`invalid gateway ${config.Gateway}: invalid address`);
      else if (!inCidr(toNumber(config.Gateway), subnet)) errors.push(`invalid gateway ${config.Gateway}: parent subnet ${config.Subnet} doesn't contain this address`);
    }
  }
  if (errors.length === 1) throw new InvalidParameterError(`invalid network config:\n${errors[0]}`);
  // internal/multierror's Join: a bulleted list when there is more than one.
  if (errors.length > 1) throw new InvalidParameterError(`invalid network config:\n* ${errors.join('\n* ')}`);
}

/** The fields of a client's pool that inspect gives back (empty ones left out, as Go's omitempty does). */
function pickIpamConfig(config: IPAMConfig): IPAMConfig {
  return {
    ...(config.Subnet ? { Subnet: config.Subnet } : {}),
    ...(config.IPRange ? { IPRange: config.IPRange } : {}),
    ...(config.Gateway ? { Gateway: config.Gateway } : {}),
  };
}

function isAddress(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

function toNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function toAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** `a.b.c.d/n` (IPv4): its network address, its length, and whether it had no host bits set. */
function tryCidr(text: string): { base: number; bits: number; masked: boolean } | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!match || !isAddress(match[1]) || Number(match[2]) > 32) return undefined;
  const bits = Number(match[2]);
  const address = toNumber(match[1]);
  const size = 2 ** (32 - bits);
  const base = address - (address % size);
  return { base, bits, masked: base === address };
}

function parseCidr(text: string): { base: number; bits: number } {
  const cidr = tryCidr(text);
  if (!cidr) throw new InvalidParameterError(`invalid subnet ${text}: invalid CIDR block notation`);
  return cidr;
}

function formatCidr(cidr: { base: number; bits: number }): string {
  return `${toAddress(cidr.base)}/${cidr.bits}`;
}

function inCidr(address: number, cidr: { base: number; bits: number }): boolean {
  return address >= cidr.base && address < cidr.base + 2 ** (32 - cidr.bits);
}

function overlaps(a: { base: number; bits: number }, b: { base: number; bits: number }): boolean {
  return inCidr(a.base, b) || inCidr(b.base, a);
}
