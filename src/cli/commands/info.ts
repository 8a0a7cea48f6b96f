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
  const v = ctx.engine.version();
  const lines = [
    'Client:',
    ` Version:    ${CLIENT_VERSION.Version}`,
    ` Context:    ${CLIENT_VERSION.Context}`,
    ' Debug Mode: false',
    '',
    'Server:',
    ` Containers: ${i.Containers}`,
    `  Running: ${i.ContainersRunning}`,
    `  Paused: ${i.ContainersPaused}`,
    `  Stopped: ${i.ContainersStopped}`,
    ` Images: ${i.Images}`,
    ` Server Version: ${i.ServerVersion}`,
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    '  Supports d_type: true',
    '  Using metacopy: false',
    '  Native Overlay Diff: true',
    '  userxattr: false',
    ' Logging Driver: json-file',
    ' Cgroup Driver: systemd',
    ' Cgroup Version: 2',
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host ipvlan macvlan null overlay',
    '  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog',
    ' CDI spec directories:',
    '  /etc/cdi',
    '  /var/run/cdi',
    ' Swarm: inactive',
    ' Runtimes: io.containerd.runc.v2 runc',
    ' Default Runtime: runc',
    ' Init Binary: docker-init',
    ` containerd version: ${v.ContainerdCommit}`,
    ` runc version: ${v.RuncCommit}`,
    ` init version: ${v.DockerInitCommit}`,
    ' Security Options:',
    '  apparmor',
    '  seccomp',
    '   Profile: builtin',
    '  cgroupns',
    ` Kernel Version: ${i.KernelVersion}`,
    ` Operating System: ${i.OperatingSystem}`,
    ` OSType: ${i.OSType}`,
    ` Architecture: ${i.Architecture}`,
    ` CPUs: ${i.NCPU}`,
    ` Total Memory: ${bytesSize(Number(i.MemTotal))}`,
    ` Name: ${i.Name}`,
    ` ID: ${i.ID}`,
    ` Docker Root Dir: ${i.DockerRootDir}`,
    ' Debug Mode: false',
    ' Experimental: false',
    ' Insecure Registries:',
    '  ::1/128',
    '  127.0.0.0/8',
    ' Live Restore Enabled: false',
    '',
  ];
  ctx.io.stdout.write(lines.join('\n'));
  return 0;
};
