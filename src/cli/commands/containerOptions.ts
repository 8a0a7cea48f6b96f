import type { ContainerCreateRequest, Mount, PortMap, PortSet, RestartPolicy } from '../../engine/types';
import { GoError } from '../flags/GoError';
import { parseMountSpec } from '../flags/parseMountSpec';
import { convertToStandardNotation, parsePortSpecs } from '../../engine/util/ports';
import type { FlagValues } from './Command';
import { StatusError } from './Command';

/**
 * The flags of `docker run`/`docker create` the lab acts on. Any other flag
 * of the real CLI is refused plainly rather than silently ignored.
 */
export const SIMULATED_CONTAINER_FLAGS = new Set([
  'detach', 'publish', 'publish-all', 'name', 'rm', 'env', 'interactive', 'tty', 'entrypoint', 'workdir',
  'hostname', 'label', 'restart', 'stop-signal', 'stop-timeout', 'pull', 'attach', 'sig-proxy', 'expose',
  'quiet', 'detach-keys', 'help', 'init', 'user', 'platform', 'volume', 'mount', 'network', 'net',
]);

/** What `docker run`/`create` ask of the daemon, parsed from their flags (docker/cli container/opts.go `parse`). */
export interface ContainerOptions {
  request: ContainerCreateRequest;
  name: string;
  pull: 'missing' | 'always' | 'never';
  autoRemove: boolean;
}

/** Builds the create request; throws StatusError with docker's framing (`docker: ...`, exit 125). */
export function parseContainerOptions(flags: FlagValues, args: readonly string[], command: 'run' | 'create', env: Record<string, string>): ContainerOptions {
  const fail = (message: string) => new StatusError(`docker: ${message}\n\nRun 'docker ${command} --help' for more information`, 125);

  for (const flag of unsupportedFlagsUsed(flags)) {
    throw fail(`the --${flag} flag is not simulated in Docker Lab`);
  }

  const pull = flags.changed('pull') ? flags.string('pull') : 'missing';
  if (pull !== 'missing' && pull !== 'always' && pull !== 'never') {
    throw fail(`invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  }

  const [image, ...command_] = args;
  let exposed: PortSet = {};
  let bindings: PortMap = {};
  try {
    const parsed = parsePortSpecs(convertToStandardNotation(flags.list('publish')));
    exposed = parsed.exposedPorts;
    bindings = parsed.bindings;
  } catch (e) {
    throw fail(e instanceof Error ? e.message : String(e));
  }
  for (const expose of flags.list('expose')) {
    const [port, proto = 'tcp'] = expose.split('/');
    if (!/^\d+(-\d+)?$/.test(port)) throw fail(`invalid range format for --expose: ${expose}, error: strconv.ParseUint: parsing "${port}": invalid syntax`);
    exposed[`${port}/${proto}`] = {};
  }

  const restart = parseRestartPolicy(flags.string('restart'), fail);
  const autoRemove = flags.bool('rm');
  if (autoRemove && restart.Name !== 'no' && restart.Name !== '') {
    throw fail('Conflicting options: cannot specify both --restart and --rm');
  }
  if (restart.Name !== 'no') {
    // Not simulated: the daemon's restart manager (restarting containers, backoff).
    throw fail(`the restart policy '${restart.Name}' is not simulated in Docker Lab; containers run with --restart no`);
  }

  const environment: string[] = [];
  for (const entry of flags.list('env')) {
    if (entry.includes('=')) {
      environment.push(entry);
    } else if (entry in env) {
      // `-e NAME` takes the value from the client's environment, and is dropped when unset.
      environment.push(`${entry}=${env[entry]}`);
    }
  }

  const labels: Record<string, string> = {};
  for (const label of flags.list('label')) {
    const eq = label.indexOf('=');
    if (eq < 0) labels[label] = '';
    else labels[label.slice(0, eq)] = label.slice(eq + 1);
  }

  // -v: `name:/path[:mode]` goes to HostConfig.Binds, a lone `/path` to Config.Volumes (opts.go parse).
  const binds: string[] = [];
  const anonymous: Record<string, Record<string, never>> = {};
  for (const spec of flags.list('volume')) {
    const problem = volumeSpecError(spec);
    if (problem) throw fail(problem);
    if (hasVolumeSource(spec)) binds.push(spec);
    else anonymous[spec] = {};
  }
  let mounts: Mount[];
  try {
    mounts = flags.list('mount').map(toApiMount);
  } catch (e) {
    throw fail(e instanceof GoError || e instanceof Error ? e.message : String(e));
  }
  // --network (or --net): the network's name or ID; the first one is the container's network mode.
  const networks = [...flags.list('network'), ...flags.list('net')];
  if (networks.length > 1) throw fail('connecting a container to more than one network is not simulated in Docker Lab');
  if (networks.some((network) => network.includes('='))) throw fail('--network options (name=...,alias=...) are not simulated in Docker Lab: give the network\'s name');

  const detach = command === 'run' && flags.bool('detach');
  const interactive = flags.bool('interactive');
  const attach = flags.list('attach').map((s) => s.toLowerCase());
  const attachAll = command === 'run' && !detach && attach.length === 0;

  const request: ContainerCreateRequest = {
    Image: image,
    Hostname: flags.string('hostname'),
    User: flags.string('user'),
    Tty: flags.bool('tty'),
    OpenStdin: interactive,
    StdinOnce: interactive && !detach,
    AttachStdin: !detach && (interactive || attach.includes('stdin')),
    AttachStdout: attachAll || attach.includes('stdout'),
    AttachStderr: attachAll || attach.includes('stderr'),
    Env: environment,
    Cmd: command_.length ? [...command_] : null,
    WorkingDir: flags.string('workdir'),
    Labels: labels,
    ExposedPorts: exposed,
    ...(Object.keys(anonymous).length ? { Volumes: anonymous } : {}),
    HostConfig: {
      PortBindings: bindings,
      PublishAllPorts: flags.bool('publish-all'),
      AutoRemove: autoRemove,
      RestartPolicy: restart,
      NetworkMode: networks[0] || 'bridge',
      ...(binds.length ? { Binds: binds } : {}),
      ...(mounts.length ? { Mounts: mounts } : {}),
      // What the docker CLI sends for the resource flags the lab does not take (opts.go parse).
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: [],
      BlkioDeviceWriteBps: [],
      BlkioDeviceReadIOps: [],
      BlkioDeviceWriteIOps: [],
      Devices: [],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      MemorySwappiness: -1,
      OomKillDisable: false,
      PidsLimit: 0,
      Ulimits: [],
    },
  };
  if (flags.changed('entrypoint')) {
    const entrypoint = flags.string('entrypoint');
    // `--entrypoint ""` resets the image's entrypoint (an empty list, not "unset").
    request.Entrypoint = entrypoint === '' ? [] : [entrypoint];
  }
  if (flags.changed('stop-signal')) request.StopSignal = flags.string('stop-signal');
  if (flags.changed('stop-timeout')) request.StopTimeout = flags.int('stop-timeout');
  return { request, name: flags.string('name'), pull, autoRemove };
}

function parseRestartPolicy(value: string, fail: (message: string) => StatusError): RestartPolicy {
  if (!value || value === 'no') return { Name: 'no', MaximumRetryCount: 0 };
  const [name, count] = value.split(':');
  switch (name) {
    case 'always':
    case 'unless-stopped':
      if (count !== undefined) throw fail(`maximum retry count cannot be used with restart policy '${name}'`);
      return { Name: name, MaximumRetryCount: 0 };
    case 'on-failure': {
      const retries = count === undefined ? 0 : Number(count);
      if (!Number.isInteger(retries)) throw fail(`invalid restart policy format: maximum retry count must be an integer`);
      return { Name: 'on-failure', MaximumRetryCount: retries };
    }
    default:
      throw fail(`invalid restart policy '${name}'`);
  }
}

/**
 * What docker/cli's loader.ParseVolume refuses in a `-v` value before the
 * daemon sees it: an empty spec, an empty part between colons, a fourth
 * part. (A drive letter `C:` counts as part of the path, as in Go.)
 */
function volumeSpecError(spec: string): string | undefined {
  if (spec === '') return 'invalid empty volume spec';
  if (spec.length <= 2) return undefined;
  const parts = splitVolumeSpec(spec);
  if (parts.some((part) => part === '')) return `invalid spec: ${spec}: empty section between colons`;
  if (parts.length > 3) return `invalid spec: ${spec}: too many colons`;
  return undefined;
}

/** Whether a `-v` value names a source (`name:/path`, `/host:/path`) rather than a lone target (`/path`). */
function hasVolumeSource(spec: string): boolean {
  return spec.length > 2 && splitVolumeSpec(spec).length > 1;
}

/** The colon-separated parts of a `-v` value, a leading Windows drive letter (`C:`) kept with its path. */
function splitVolumeSpec(spec: string): string[] {
  const parts: string[] = [];
  let buffer = '';
  for (const char of spec) {
    if (char === ':' && !(buffer.length === 1 && /\p{L}/u.test(buffer))) {
      parts.push(buffer);
      buffer = '';
    } else {
      buffer += char;
    }
  }
  parts.push(buffer);
  return parts;
}

/** A `--mount` value as the Engine API's Mount (opts.MountOpt's mount.Mount). */
function toApiMount(value: string): Mount {
  const spec = parseMountSpec(value);
  const volume = spec.volumeOptions;
  return {
    Type: spec.type as Mount['Type'],
    ...(spec.source ? { Source: spec.source } : {}),
    Target: spec.target,
    ...(spec.readOnly ? { ReadOnly: true } : {}),
    ...(spec.consistency ? { Consistency: spec.consistency } : {}),
    ...(spec.bindOptions ? { BindOptions: { ...spec.bindOptions } } : {}),
    ...(volume ? {
      VolumeOptions: {
        ...(volume.noCopy ? { NoCopy: true } : {}),
        ...(Object.keys(volume.labels).length ? { Labels: { ...volume.labels } } : {}),
        ...(volume.subpath ? { Subpath: volume.subpath } : {}),
        ...(volume.driverName || volume.driverOptions ? { DriverConfig: { Name: volume.driverName ?? '', Options: volume.driverOptions ?? null } } : {}),
      },
    } : {}),
    ...(spec.tmpfsOptions ? { TmpfsOptions: { ...spec.tmpfsOptions } } : {}),
    ...(spec.imageOptions ? { ImageOptions: { ...spec.imageOptions } } : {}),
  };
}

function* unsupportedFlagsUsed(flags: FlagValues): Generator<string> {
  for (const name of flags.changedNames()) {
    if (!SIMULATED_CONTAINER_FLAGS.has(name)) yield name;
  }
}
