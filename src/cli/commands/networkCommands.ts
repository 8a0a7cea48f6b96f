import { EngineError, NotFoundError } from '../../engine/errors';
import type { IPAMConfig, NetworkInspect } from '../../engine/types';
import { truncateId } from '../../engine/util/stringid';
import { goType } from '../template/goValue';
import { renderFormat } from '../template/renderFormat';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { render } from './images';
import type { InspectResult } from './inspectOutput';
import { writeInspect } from './inspectOutput';
import { naturalOrder } from './naturalLess';
import { confirm, filterMap, labelMap, mapFlag } from './volumeCommands';

/** network/formatter.go defaultNetworkTableFormat. */
const DEFAULT_NETWORK_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';

/** FormatWrite's header. */
const NETWORK_HEADERS: Record<string, string> = {
  ID: 'NETWORK ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  IPv4: 'IPV4',
  IPv6: 'IPV6',
  Internal: 'INTERNAL',
  Labels: 'LABELS',
  CreatedAt: 'CREATED AT',
};

/** network/prune.go's prompt. */
const PRUNE_WARNING = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

/**
 * `docker network ls`: sorted by name (sortorder.NaturalLess),
 * `NETWORK ID     NAME      DRIVER    SCOPE`, IDs cut to 12 unless
 * `--no-trunc`; `-q` IDs only; `--filter`, `--format`.
 */
const networkLs: CommandHandler = async (ctx) => {
  const networks = [...ctx.engine.networkList(filterMap(ctx.flags))].sort((a, b) => naturalOrder(a.Name, b.Name));
  const quiet = ctx.flags.bool('quiet');
  const format = ctx.flags.string('format') || 'table';
  // NewFormat: `table` is the default table, or just the IDs with -q (formatter.DefaultQuietFormat).
  const resolved = format === 'table' ? (quiet ? '{{.ID}}' : DEFAULT_NETWORK_TABLE) : format;
  const trunc = !ctx.flags.bool('no-trunc');
  ctx.io.stdout.write(render(() => renderFormat(resolved, NETWORK_HEADERS, networks.map((network) => networkContext(network, trunc)), DEFAULT_NETWORK_TABLE, { rowType: '*network.networkContext' })));
  return 0;
};

/**
 * `docker network create NETWORK`: prints the new network's ID. The
 * `--subnet`, `--ip-range` and `--gateway` values are paired by the client
 * as network/create.go's createIPAMConfig pairs them.
 */
const networkCreate: CommandHandler = async (ctx) => {
  const { flags } = ctx;
  const ipam = ipamConfigs(flags.list('subnet'), flags.list('ip-range'), flags.list('gateway'));
  const created = ctx.engine.networkCreate({
    Name: ctx.args[0],
    Driver: flags.string('driver') || 'bridge',
    Scope: flags.string('scope'),
    ...(flags.changed('ipv4') ? { EnableIPv4: flags.bool('ipv4') } : {}),
    ...(flags.changed('ipv6') ? { EnableIPv6: flags.bool('ipv6') } : {}),
    IPAM: { Driver: flags.string('ipam-driver') || 'default', Config: ipam, Options: mapFlag(flags, 'ipam-opt') },
    Internal: flags.bool('internal'),
    Attachable: flags.bool('attachable'),
    Ingress: flags.bool('ingress'),
    ConfigOnly: flags.bool('config-only'),
    ...(flags.string('config-from') ? { ConfigFrom: { Network: flags.string('config-from') } } : {}),
    Options: mapFlag(flags, 'opt'),
    Labels: labelMap(flags.list('label')),
  });
  ctx.io.stdout.write(`${created.Id}\n`);
  return 0;
};

/** `docker network inspect NETWORK...` */
const networkInspect: CommandHandler = async (ctx) => {
  const results: InspectResult[] = ctx.args.map((name) => {
    try {
      return { ok: true, value: ctx.engine.networkInspect(name) };
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      return { ok: false, error: `Error response from daemon: ${e.message.trim()}` };
    }
  });
  return writeInspect(ctx.io, results, ctx.flags.string('format'));
};

/**
 * `docker network rm [-f] NETWORK...`: each name printed as it goes, each
 * error on stderr; then `exit status 1` when any failed (network/remove.go).
 * `-f` only forgives a network that does not exist.
 */
const networkRm: CommandHandler = async (ctx) => {
  let failed = false;
  for (const name of ctx.args) {
    try {
      ctx.engine.networkDelete(name);
      ctx.io.stdout.write(`${name}\n`);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      if (ctx.flags.bool('force') && e instanceof NotFoundError) continue;
      ctx.io.stderr.write(`Error response from daemon: ${e.message.trim()}\n`);
      failed = true;
    }
  }
  if (failed) throw new StatusError('exit status 1', 1);
  return 0;
};

/** `docker network prune [-f] [--filter]`: asks first unless `-f`, then lists the networks that went. */
const networkPrune: CommandHandler = async (ctx) => {
  const filters = filterMap(ctx.flags);
  if (!ctx.flags.bool('force') && !(await confirm(ctx, PRUNE_WARNING))) return 0;
  const report = ctx.engine.networkPrune(filters);
  const deleted = report.NetworksDeleted ?? [];
  if (deleted.length) ctx.io.stdout.write(`Deleted Networks:\n${deleted.map((name) => `${name}\n`).join('')}\n`);
  return 0;
};

/** The `docker network` commands, by their path in the CLI's command tree. */
export const NETWORK_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  'network ls': networkLs,
  'network create': networkCreate,
  'network inspect': networkInspect,
  'network rm': networkRm,
  'network prune': networkPrune,
};

/** network.networkContext: the fields `--format` reads. */
function networkContext(network: NetworkInspect, trunc: boolean): object {
  return goType({
    get ID() { return trunc ? truncateId(network.Id) : network.Id; },
    get Name() { return network.Name; },
    get Driver() { return network.Driver; },
    get Scope() { return network.Scope; },
    get IPv4() { return String(network.EnableIPv4); },
    get IPv6() { return String(network.EnableIPv6); },
    get Internal() { return String(network.Internal); },
    get Labels() { return Object.entries(network.Labels).map(([key, value]) => `${key}=${value}`).join(','); },
    Label: (name: string) => network.Labels[name] ?? '',
    // Go's time.Time String(): `2006-01-02 15:04:05.999999999 +0000 UTC`.
    get CreatedAt() { return network.Created.replace('T', ' ').replace(/\.?0*Z$/, ' +0000 UTC'); },
  }, '*network.networkContext');
}

/**
 * createIPAMConfig: one pool per `--subnet` (overlapping ones refused), each
 * `--ip-range` and `--gateway` given to the subnet that contains it.
 */
function ipamConfigs(subnets: readonly string[], ranges: readonly string[], gateways: readonly string[]): IPAMConfig[] {
  if (subnets.length < ranges.length || subnets.length < gateways.length) {
    throw new StatusError('every ip-range or gateway must have a corresponding subnet', 1);
  }
  const pools = new Map<string, IPAMConfig>();
  for (const subnet of subnets) {
    for (const other of pools.keys()) {
      if (contains(subnet, other) || contains(other, subnet)) throw new StatusError('multiple overlapping subnet configuration is not supported', 1);
    }
    pools.set(subnet, { Subnet: subnet });
  }
  const assign = (values: readonly string[], field: 'IPRange' | 'Gateway', what: string) => {
    for (const value of values) {
      const subnet = subnets.find((candidate) => contains(candidate, value));
      if (subnet === undefined) throw new StatusError(`no matching subnet for ${what} ${value}`, 1);
      const pool = pools.get(subnet) as IPAMConfig;
      if (pool[field]) {
        const which = field === 'IPRange' ? 'ranges' : 'gateways';
        throw new StatusError(`cannot configure multiple ${which} (${value}, ${pool[field]}) ${field === 'IPRange' ? 'on' : 'for'} the same subnet (${subnet})`, 1);
      }
      pool[field] = value;
    }
  };
  assign(ranges, 'IPRange', 'range');
  assign(gateways, 'Gateway', 'gateway');
  return [...pools.values()];
}

/** subnetMatches: whether the IPv4 `subnet` holds `value` (an address, or a CIDR's address). */
function contains(subnet: string, value: string): boolean {
  const [base, bits] = subnet.split('/');
  const parse = (address: string) => address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const address = value.split('/')[0];
  if (bits === undefined || !/^\d+(\.\d+){3}$/.test(base) || !/^\d+(\.\d+){3}$/.test(address)) {
    throw new StatusError(`invalid subnet: invalid CIDR address: ${subnet}`, 1);
  }
  const size = 2 ** (32 - Number(bits));
  const start = parse(base) - (parse(base) % size);
  return parse(address) >= start && parse(address) < start + size;
}
