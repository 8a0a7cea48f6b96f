/**
 * Ports as docker writes them: the `-p/--publish` parser of
 * docker/go-connections v0.5.0 `nat` (the version docker 28.2.2 vendors),
 * docker/cli's `--publish` long-syntax conversion, and the PORTS column of
 * `docker ps` (docker/cli `formatter/container.go` `DisplayablePorts`).
 */
import { goQuote } from './goQuote';

/** One host binding of a container port, shaped like the API's `PortBinding`. */
export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** One parsed mapping: the container port key (`80/tcp`) and its host binding. */
export interface PortMapping {
  port: string;
  binding: PortBinding;
}

/** Thrown for a `-p` value docker refuses; the message is the one docker prints after `docker: `. */
export class PortSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortSpecError';
  }
}

const maxPort = 65535;

/**
 * Go's `strconv.ParseUint(text, 10, 16)`: decimal digits only (no sign, no
 * underscores), at most 65535; throws strconv's error text.
 */
function parseUint16(text: string): number {
  if (!/^[0-9]+$/.test(text)) throw new PortSpecError(`strconv.ParseUint: parsing ${goQuote(text)}: invalid syntax`);
  const value = Number(text);
  if (value > maxPort) throw new PortSpecError(`strconv.ParseUint: parsing ${goQuote(text)}: value out of range`);
  return value;
}

/**
 * go-connections `nat.ParsePortRange`: `8000` or `8000-9000` (only the first
 * two parts of `a-b-c` are read). Throws go-connections' / strconv's error
 * (`-p` replaces it with its own; `--expose` quotes it).
 */
export function parsePortRange(ports: string): [start: number, end: number] {
  if (ports === '') throw new PortSpecError('empty string specified for ports');
  if (!ports.includes('-')) {
    const port = parseUint16(ports);
    return [port, port];
  }
  const parts = ports.split('-');
  const start = parseUint16(parts[0]);
  const end = parseUint16(parts[1]);
  if (end < start) throw new PortSpecError(`invalid range specified for port: ${ports}`);
  return [start, end];
}

/**
 * go-connections `nat.SplitProtoPort`: `80/udp` -> [`udp`, `80`]; the
 * protocol defaults to tcp (also for `80/`); `/tcp` or `` give ['', ''].
 */
export function splitProtoPort(rawPort: string): [proto: string, port: string] {
  const parts = rawPort.split('/');
  if (rawPort.length === 0 || parts[0].length === 0) return ['', ''];
  if (parts.length === 1) return ['tcp', rawPort];
  if (parts[1].length === 0) return ['tcp', parts[0]];
  return [parts[1], parts[0]];
}

/** `ip:hostPort:containerPort`, where the IP may itself contain colons (IPv6). */
function splitParts(rawPort: string): [ip: string, hostPort: string, containerPort: string] {
  const parts = rawPort.split(':');
  const count = parts.length;
  const containerPort = parts[count - 1];
  switch (count) {
    case 1:
      return ['', '', containerPort];
    case 2:
      return ['', parts[0], containerPort];
    case 3:
      return [parts[0], parts[1], containerPort];
    default:
      return [parts.slice(0, count - 2).join(':'), parts[count - 2], containerPort];
  }
}

/**
 * Go's `net.SplitHostPort(ip + ":")` as go-connections uses it to strip the
 * brackets of `[::1]`; returns the host or throws Go's `AddrError` text.
 */
function stripBrackets(ip: string): string {
  const hostPort = `${ip}:`;
  const addressError = (why: string): PortSpecError =>
    new PortSpecError(`invalid IP address ${ip}: address ${hostPort}: ${why}`);
  const lastColon = hostPort.length - 1;
  const end = hostPort.indexOf(']');
  if (end < 0) throw addressError("missing ']' in address");
  if (end + 1 === hostPort.length) throw addressError('missing port in address');
  if (end + 1 !== lastColon) {
    throw addressError(hostPort[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
  }
  if (hostPort.indexOf('[', 1) >= 0) throw addressError("unexpected '[' in address");
  if (hostPort.indexOf(']', end + 1) >= 0) throw addressError("unexpected ']' in address");
  return hostPort.slice(1, end);
}

/** Go's `net.ParseIP(text) != nil` (Go 1.22+, i.e. `netip.ParseAddr` without a zone). */
export function isValidIp(text: string): boolean {
  for (const character of text) {
    if (character === '.') return isIPv4(text);
    if (character === ':') return isIPv6(text);
    if (character === '%') return false;
  }
  return false;
}

/** Four decimal fields 0-255, no leading zeros (Go has refused them since 1.17). */
function isIPv4(text: string): boolean {
  const fields = text.split('.');
  return fields.length === 4 && fields.every((field) => /^(?:0|[1-9][0-9]{0,2})$/.test(field) && Number(field) <= 255);
}

/**
 * netip's parseIPv6: up to eight groups of 1-4 hex digits, one `::` standing
 * for at least one zero group, an optional dotted IPv4 tail in place of the
 * last two groups; a zone (`%eth0`) makes `net.ParseIP` fail.
 */
function isIPv6(text: string): boolean {
  if (text.includes('%')) return false;
  let rest = text;
  let groups = 0; // 16-bit groups filled so far
  let ellipsis = false;
  if (rest.startsWith('::')) {
    ellipsis = true;
    rest = rest.slice(2);
    if (rest === '') return true;
  }
  while (groups < 8) {
    const hex = /^[0-9a-fA-F]*/.exec(rest)?.[0] ?? '';
    if (hex.length > 4) return false;
    if (rest[hex.length] === '.') {
      // An embedded IPv4 address must end the address and fill the last two groups.
      if ((!ellipsis && groups !== 6) || groups + 2 > 8) return false;
      if (!isIPv4(rest)) return false;
      groups += 2;
      rest = '';
      break;
    }
    if (hex.length === 0) return false;
    groups++;
    rest = rest.slice(hex.length);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return false;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis) return false;
      ellipsis = true;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return false;
  // Without "::" all eight groups are needed; with it, at least one must be left for it.
  return ellipsis ? groups < 8 : groups === 8;
}

const protocols = ['tcp', 'udp', 'sctp'];

/**
 * go-connections `nat.ParsePortSpec`: one `-p` value as
 * `[ip:][hostPort:]containerPort[/proto]`, where ports may be ranges
 * (`8000-8010:80-90`), the IP may be IPv6 with or without brackets
 * (`[::1]:80:80`, `::1:80:80`) and an empty host port (`127.0.0.1::80`) means
 * "any free port". A host range with a single container port
 * (`8000-8010:80`) is kept as the range to allocate from.
 *
 * Errors, as docker prints them: `invalid IP address: 1.2.3`,
 * `no port specified: 80:<empty>`, `invalid containerPort: abc`,
 * `invalid hostPort: 99999`, `invalid ranges specified for container and host
 * Ports: 80-81 and 8080`, `invalid proto: xyz`.
 */
export function parsePortSpec(rawPort: string): PortMapping[] {
  const [rawIp, rawHostPort, rawContainerPort] = splitParts(rawPort);
  const [proto, containerPort] = splitProtoPort(rawContainerPort);
  let ip = rawIp;
  if (ip !== '' && ip[0] === '[') ip = stripBrackets(ip);
  if (ip !== '' && !isValidIp(ip)) throw new PortSpecError(`invalid IP address: ${ip}`);
  if (containerPort === '') throw new PortSpecError(`no port specified: ${rawPort}<empty>`);

  let start: number;
  let end: number;
  try {
    [start, end] = parsePortRange(containerPort);
  } catch {
    throw new PortSpecError(`invalid containerPort: ${containerPort}`);
  }
  let hostStart = 0;
  let hostEnd = 0;
  if (rawHostPort.length > 0) {
    try {
      [hostStart, hostEnd] = parsePortRange(rawHostPort);
    } catch {
      throw new PortSpecError(`invalid hostPort: ${rawHostPort}`);
    }
  }
  // A host range may differ in size only when the container side is a single port.
  if (rawHostPort !== '' && end - start !== hostEnd - hostStart && end !== start) {
    throw new PortSpecError(`invalid ranges specified for container and host Ports: ${containerPort} and ${rawHostPort}`);
  }
  if (!protocols.includes(proto.toLowerCase())) throw new PortSpecError(`invalid proto: ${proto}`);

  const mappings: PortMapping[] = [];
  for (let offset = 0; offset <= end - start; offset++) {
    let hostPort = rawHostPort.length > 0 ? String(hostStart + offset) : rawHostPort;
    if (start === end && hostStart !== hostEnd) hostPort = `${hostPort}-${hostEnd}`;
    mappings.push({ port: `${start + offset}/${proto.toLowerCase()}`, binding: { HostIp: ip, HostPort: hostPort } });
  }
  return mappings;
}

/** The exposed-port set and bindings `-p` values add up to (`nat.ParsePortSpecs`). */
export interface ParsedPortSpecs {
  exposedPorts: Record<string, Record<string, never>>;
  bindings: Record<string, PortBinding[]>;
}

/**
 * go-connections `nat.ParsePortSpecs`: every `-p` value in order; bindings
 * of the same container port accumulate (`-p 8080:80 -p 8081:80`).
 */
export function parsePortSpecs(rawPorts: readonly string[]): ParsedPortSpecs {
  const exposedPorts: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const rawPort of rawPorts) {
    for (const { port, binding } of parsePortSpec(rawPort)) {
      exposedPorts[port] = {};
      (bindings[port] ??= []).push(binding);
    }
  }
  return { exposedPorts, bindings };
}

/**
 * docker/cli `convertToStandardNotation`: `--publish` values containing "="
 * (`published=8080,target=80,protocol=udp`) become `8080:80/udp`; others
 * pass through. Throws `invalid publish opts format (should be name=value but
 * got 'x')` for a part without "=" or with an empty key.
 */
export function convertToStandardNotation(publish: readonly string[]): string[] {
  return publish.map((value) => {
    if (!value.includes('=')) return value;
    const parameters = new Map<string, string>([['protocol', 'tcp']]);
    for (const parameter of value.split(',')) {
      const equals = parameter.indexOf('=');
      if (equals <= 0) {
        throw new PortSpecError(`invalid publish opts format (should be name=value but got '${parameter}')`);
      }
      parameters.set(parameter.slice(0, equals), parameter.slice(equals + 1));
    }
    const get = (key: string): string => parameters.get(key) ?? '';
    return `${get('published')}:${get('target')}/${get('protocol')}`;
  });
}

/** A port as `GET /containers/json` lists it (`container.Port`). */
export interface PortSummaryInput {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** Go's `net.JoinHostPort`: IPv6 hosts (anything with a colon) get brackets. */
function joinHostPort(hostname: string, port: string): string {
  return hostname.includes(':') ? `[${hostname}]:${port}` : `${hostname}:${port}`;
}

/** docker/cli `comparePorts`: by private port, then IP, public port, type. */
function comparePorts(a: PortSummaryInput, b: PortSummaryInput): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  const aIp = a.IP ?? '';
  const bIp = b.IP ?? '';
  if (aIp !== bIp) return aIp < bIp ? -1 : 1;
  const aPublic = a.PublicPort ?? 0;
  const bPublic = b.PublicPort ?? 0;
  if (aPublic !== bPublic) return aPublic - bPublic;
  if (a.Type !== b.Type) return a.Type < b.Type ? -1 : 1;
  return 0;
}

/**
 * docker/cli `DisplayablePorts`, the PORTS column of `docker ps`:
 * `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 9000/tcp`.
 *
 * Ports are sorted by private port, IP, public port, type. Consecutive ports
 * collapse into ranges only when they are unpublished (`9998-9999/udp`) or
 * published on the same IP with public == private port
 * (`1.2.3.4:9998-9999->9998-9999/udp`); a published port whose public number
 * differs (`-p 8000-8001:80-81`) is listed one by one, after all the grouped
 * entries (`0.0.0.0:8000->80/tcp, 0.0.0.0:8001->81/tcp`).
 */
export function displayablePorts(ports: readonly PortSummaryInput[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const groupOrder: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  const sorted = [...ports].sort(comparePorts);

  for (const port of sorted) {
    const current = port.PrivatePort;
    const ip = port.IP ?? '';
    const publicPort = port.PublicPort ?? 0;
    let key = port.Type;
    if (ip !== '') {
      if (publicPort !== current) {
        hostMappings.push(`${joinHostPort(ip, String(publicPort))}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${ip}/${port.Type}`;
    }
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { first: current, last: current });
      groupOrder.push(key); // the order groups were first created in
      continue;
    }
    // Go adds in uint16, so 65535 + 1 wraps to 0.
    if (current === ((group.last + 1) & 0xffff)) {
      group.last = current;
      continue;
    }
    result.push(formatGroup(key, group.first, group.last));
    groups.set(key, { first: current, last: current });
  }
  for (const key of groupOrder) {
    const group = groups.get(key);
    if (group) result.push(formatGroup(key, group.first, group.last));
  }
  return [...result, ...hostMappings].join(', ');
}

/** docker/cli `formGroup`: `80/tcp`, `80-81/tcp`, or with an IP `ip:80-81->80-81/tcp`. */
function formatGroup(key: string, first: number, last: number): string {
  const parts = key.split('/');
  let type = parts[0];
  let ip = '';
  if (parts.length > 1) {
    ip = parts[0];
    type = parts[1];
  }
  let group = String(first);
  if (first !== last) group = `${group}-${last}`;
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${type}`;
}
