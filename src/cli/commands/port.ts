import type { PortBinding } from '../../engine/types';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { naturalOrder } from './naturalLess';
import { trimContainerId } from './trimContainerId';

/**
 * `docker port CONTAINER [PRIVATE_PORT[/PROTO]]` (docker/cli container/port.go):
 * every published binding as `80/tcp -> 0.0.0.0:8080`, or for one port just
 * the host addresses; lines in natural order (fvbommel/sortorder), IPv6 hosts
 * in brackets as Go's net.JoinHostPort writes them.
 */
export const port: CommandHandler = async (ctx) => {
  const container = ctx.engine.containerInspect(trimContainerId(ctx.args[0]));
  const ports = (container.NetworkSettings.Ports ?? {}) as Record<string, PortBinding[] | null>;
  const lines: string[] = [];
  const requested = ctx.args[1];
  if (requested !== undefined && requested !== '') {
    const slash = requested.indexOf('/');
    const number = slash < 0 ? requested : requested.slice(0, slash);
    const protocol = (slash < 0 ? '' : requested.slice(slash + 1)) || 'tcp';
    const invalid = parseUint16Error(number);
    if (invalid) throw new StatusError(`Error: invalid port (${number}): ${invalid}`, 1);
    const bindings = ports[`${number}/${protocol}`];
    if (!bindings || bindings.length === 0) {
      // The port as the user wrote it, and the container as named.
      throw new StatusError(`Error: No public port '${requested}' published for ${ctx.args[0]}`, 1);
    }
    for (const binding of bindings) lines.push(joinHostPort(binding.HostIp, binding.HostPort));
  } else {
    for (const [containerPort, bindings] of Object.entries(ports)) {
      for (const binding of bindings ?? []) lines.push(`${containerPort} -> ${joinHostPort(binding.HostIp, binding.HostPort)}`);
    }
  }
  if (lines.length) ctx.io.stdout.write(`${lines.sort(naturalOrder).join('\n')}\n`);
  return 0;
};

/** strconv.ParseUint(text, 10, 16)'s error text, or undefined when it is a valid port number. */
function parseUint16Error(text: string): string | undefined {
  if (!/^\d+$/.test(text)) return `strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`;
  if (Number(text) > 65535) return `strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`;
  return undefined;
}

/** Go's net.JoinHostPort: a host with a colon (IPv6) goes in brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

