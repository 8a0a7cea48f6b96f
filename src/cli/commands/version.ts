import { ENGINE_PLATFORM } from '../../engine/Engine';
import { renderFormat } from '../template/renderFormat';
import type { CommandHandler } from './Command';

/** The client's own facts, as docker CLI 28.2.2 reports them. */
export const CLIENT_VERSION = {
  Version: '28.2.2',
  ApiVersion: '1.50',
  DefaultAPIVersion: '1.50',
  GitCommit: 'e6534b4',
  GoVersion: 'go1.24.3',
  Os: 'linux',
  Arch: 'amd64',
  BuildTime: 'Fri May 30 12:07:14 2025',
  Context: 'default',
} as const;

/** The server's platform name: the lab says what it is. */
export const SERVER_PLATFORM = ENGINE_PLATFORM;

/** `docker --version` */
export const shortVersion = `Docker version ${CLIENT_VERSION.Version}, build ${CLIENT_VERSION.GitCommit}\n`;

/** `docker version [--format]` (docker/cli system/version.go defaultVersionTemplate, through a tabwriter). */
export const version: CommandHandler = async (ctx) => {
  const server = ctx.engine.version();
  const format = ctx.flags.string('format');
  const data = versionData(server);
  if (format) {
    ctx.io.stdout.write(renderFormat(format, {}, [data], '', { rowJson: 'fields' }));
    return 0;
  }
  const line = (indent: string, key: string, value: string) => `${`${indent}${key}:`.padEnd(20)}${value}\n`;
  let out = 'Client:\n';
  out += line(' ', 'Version', CLIENT_VERSION.Version);
  out += line(' ', 'API version', CLIENT_VERSION.ApiVersion);
  out += line(' ', 'Go version', CLIENT_VERSION.GoVersion);
  out += line(' ', 'Git commit', CLIENT_VERSION.GitCommit);
  out += line(' ', 'Built', CLIENT_VERSION.BuildTime);
  out += line(' ', 'OS/Arch', `${CLIENT_VERSION.Os}/${CLIENT_VERSION.Arch}`);
  out += line(' ', 'Context', CLIENT_VERSION.Context);
  out += `\nServer: ${SERVER_PLATFORM}\n Engine:\n`;
  out += line('  ', 'Version', server.Version);
  out += line('  ', 'API version', `${server.ApiVersion} (minimum version ${server.MinAPIVersion})`);
  out += line('  ', 'Go version', server.GoVersion);
  out += line('  ', 'Git commit', server.GitCommit);
  out += line('  ', 'Built', goBuildTime(server.BuildTime));
  out += line('  ', 'OS/Arch', `${server.Os}/${server.Arch}`);
  out += line('  ', 'Experimental', 'false');
  out += ' containerd:\n';
  out += line('  ', 'Version', server.ContainerdVersion);
  out += line('  ', 'GitCommit', server.ContainerdCommit);
  out += ' runc:\n';
  out += line('  ', 'Version', server.RuncVersion);
  out += line('  ', 'GitCommit', server.RuncCommit);
  out += ' docker-init:\n';
  out += line('  ', 'Version', server.DockerInitVersion);
  out += line('  ', 'GitCommit', server.DockerInitCommit);
  ctx.io.stdout.write(out);
  return 0;
};

function versionData(server: ReturnType<import('../../engine/Engine').Engine['version']>) {
  return {
    Client: {
      Platform: { Name: '' },
      Version: CLIENT_VERSION.Version,
      ApiVersion: CLIENT_VERSION.ApiVersion,
      DefaultAPIVersion: CLIENT_VERSION.DefaultAPIVersion,
      GitCommit: CLIENT_VERSION.GitCommit,
      GoVersion: CLIENT_VERSION.GoVersion,
      Os: CLIENT_VERSION.Os,
      Arch: CLIENT_VERSION.Arch,
      BuildTime: CLIENT_VERSION.BuildTime,
      Context: CLIENT_VERSION.Context,
    },
    Server: {
      Platform: { Name: SERVER_PLATFORM },
      Version: server.Version,
      ApiVersion: server.ApiVersion,
      MinAPIVersion: server.MinAPIVersion,
      GitCommit: server.GitCommit,
      GoVersion: server.GoVersion,
      Os: server.Os,
      Arch: server.Arch,
      KernelVersion: server.KernelVersion,
      BuildTime: server.BuildTime,
    },
  };
}

/** The daemon reports an RFC 3339 build time; the CLI prints it as Go's time.ANSIC. */
function goBuildTime(iso: string): string {
  const d = new Date(iso);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}
