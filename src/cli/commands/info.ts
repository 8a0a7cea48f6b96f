import { bytesSize } from '../../engine/util/units';
import { renderFormat } from '../template/renderFormat';
import type { CommandHandler } from './Command';
import { CLIENT_VERSION } from './version';

/** `docker info [--format]`, in docker CLI 28's layout (docker/cli system/info.go). */
export const info: CommandHandler = async (ctx) => {
  const i = ctx.engine.info();
  const format = ctx.flags.string('format');
  if (format) {
    ctx.io.stdout.write(renderFormat(format, {}, [i], '', { rowJson: 'fields' }));
    return 0;
  }
  const server = i as unknown as ServerInfo;
  const lines = [
    'Client:',
    ` Version:    ${CLIENT_VERSION.Version}`,
    ` Context:    ${CLIENT_VERSION.Context}`,
    ' Debug Mode: false',
    '',
    'Server:',
    ...serverLines(server),
    // docker/cli ends the server section with an empty line.
    '',
    '',
  ];
  ctx.io.stdout.write(lines.join('\n'));
  return 0;
};

/** The fields of `GET /info` that `docker info` prints. */
interface ServerInfo {
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  ServerVersion: string;
  Driver: string;
  DriverStatus: [string, string][] | null;
  LoggingDriver: string;
  CgroupDriver: string;
  CgroupVersion: string;
  Plugins: { Volume: string[] | null; Network: string[] | null; Authorization: string[] | null; Log: string[] | null };
  CDISpecDirs: string[] | null;
  Swarm: { LocalNodeState: string };
  Runtimes: Record<string, unknown>;
  DefaultRuntime: string;
  OSType: string;
  InitBinary: string;
  ContainerdCommit: { ID: string };
  RuncCommit: { ID: string };
  InitCommit: { ID: string };
  SecurityOptions: string[] | null;
  KernelVersion: string;
  OperatingSystem: string;
  Architecture: string;
  NCPU: number;
  MemTotal: number;
  Name: string;
  ID: string;
  DockerRootDir: string;
  Debug: boolean;
  HttpProxy: string;
  HttpsProxy: string;
  NoProxy: string;
  Labels: string[] | null;
  ExperimentalBuild: boolean;
  RegistryConfig: { InsecureRegistryCIDRs: string[] | null; IndexConfigs: Record<string, { Name: string; Secure: boolean }> | null; Mirrors: string[] | null } | null;
  LiveRestoreEnabled: boolean;
}

/** The Server section, field by field as docker/cli's prettyPrintServerInfo writes it (swarm inactive, Linux). */
function serverLines(info: ServerInfo): string[] {
  const lines: string[] = [];
  const line = (label: string, value: unknown) => lines.push(`${label} ${String(value)}`);
  const nonEmpty = (label: string, value: string) => { if (value !== '') line(label, value); };
  line(' Containers:', info.Containers);
  line('  Running:', info.ContainersRunning);
  line('  Paused:', info.ContainersPaused);
  line('  Stopped:', info.ContainersStopped);
  line(' Images:', info.Images);
  nonEmpty(' Server Version:', info.ServerVersion);
  nonEmpty(' Storage Driver:', info.Driver);
  for (const [key, value] of info.DriverStatus ?? []) lines.push(`  ${key}: ${value}`);
  nonEmpty(' Logging Driver:', info.LoggingDriver);
  nonEmpty(' Cgroup Driver:', info.CgroupDriver);
  nonEmpty(' Cgroup Version:', info.CgroupVersion);
  lines.push(' Plugins:');
  line('  Volume:', (info.Plugins.Volume ?? []).join(' '));
  line('  Network:', (info.Plugins.Network ?? []).join(' '));
  if (info.Plugins.Authorization?.length) line('  Authorization:', info.Plugins.Authorization.join(' '));
  line('  Log:', (info.Plugins.Log ?? []).join(' '));
  if (info.CDISpecDirs?.length) {
    lines.push(' CDI spec directories:');
    for (const directory of info.CDISpecDirs) lines.push(`  ${directory}`);
  }
  line(' Swarm:', info.Swarm.LocalNodeState);
  const runtimes = Object.keys(info.Runtimes ?? {});
  if (runtimes.length > 0) {
    line(' Runtimes:', runtimes.join(' '));
    line(' Default Runtime:', info.DefaultRuntime);
  }
  if (info.OSType === 'linux') {
    line(' Init Binary:', info.InitBinary);
    line(' containerd version:', info.ContainerdCommit.ID);
    line(' runc version:', info.RuncCommit.ID);
    line(' init version:', info.InitCommit.ID);
    if (info.SecurityOptions?.length) {
      lines.push(' Security Options:');
      for (const option of info.SecurityOptions) {
        // `name=seccomp,profile=builtin`: the name, then its profile if it has one.
        const fields = Object.fromEntries(option.split(',').map((pair) => pair.split('=') as [string, string]));
        lines.push(`  ${fields.name}`);
        if (fields.profile !== undefined) line('   Profile:', fields.profile);
      }
    }
  }
  nonEmpty(' Kernel Version:', info.KernelVersion);
  nonEmpty(' Operating System:', info.OperatingSystem);
  nonEmpty(' OSType:', info.OSType);
  nonEmpty(' Architecture:', info.Architecture);
  line(' CPUs:', info.NCPU);
  line(' Total Memory:', bytesSize(Number(info.MemTotal)));
  nonEmpty(' Name:', info.Name);
  nonEmpty(' ID:', info.ID);
  line(' Docker Root Dir:', info.DockerRootDir);
  line(' Debug Mode:', info.Debug);
  nonEmpty(' HTTP Proxy:', info.HttpProxy);
  nonEmpty(' HTTPS Proxy:', info.HttpsProxy);
  nonEmpty(' No Proxy:', info.NoProxy);
  if (info.Labels?.length) {
    lines.push(' Labels:');
    for (const label of info.Labels) lines.push(`  ${label}`);
  }
  line(' Experimental:', info.ExperimentalBuild);
  const registry = info.RegistryConfig;
  if (registry && ((registry.InsecureRegistryCIDRs?.length ?? 0) > 0 || Object.keys(registry.IndexConfigs ?? {}).length > 0)) {
    lines.push(' Insecure Registries:');
    for (const index of Object.values(registry.IndexConfigs ?? {})) if (!index.Secure) lines.push(`  ${index.Name}`);
    for (const cidr of registry.InsecureRegistryCIDRs ?? []) lines.push(`  ${cidr}`);
  }
  if (registry?.Mirrors?.length) {
    lines.push(' Registry Mirrors:');
    for (const mirror of registry.Mirrors) lines.push(`  ${mirror}`);
  }
  line(' Live Restore Enabled:', info.LiveRestoreEnabled);
  return lines;
}
