import type { ContainerCreateRequest, PortMap, PortSet, RestartPolicy } from '../../engine/types';
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
  'quiet', 'detach-keys', 'help', 'init', 'user', 'platform',
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
    HostConfig: {
      PortBindings: bindings,
      PublishAllPorts: flags.bool('publish-all'),
      AutoRemove: autoRemove,
      RestartPolicy: restart,
      NetworkMode: 'bridge',
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

function* unsupportedFlagsUsed(flags: FlagValues): Generator<string> {
  for (const name of flags.changedNames()) {
    if (!SIMULATED_CONTAINER_FLAGS.has(name)) yield name;
  }
}
