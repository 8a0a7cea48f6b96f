import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ApiServer } from '../api/ApiServer';
import { Disposable } from '../Disposable';
import type { Engine } from '../engine/Engine';

/** Unix socket paths longer than this do not fit in sockaddr_un (108 bytes with its terminator on Linux). */
const MAX_SOCKET_PATH = 100;

/**
 * The lab's engine served as the Docker Engine API, so the real docker CLI
 * (or an SDK) can drive it: "Docker Lab: Start Engine API" and "Stop Engine
 * API", or at activation with `dockerLab.engineApi.startWithLab`. The socket
 * lives in a private directory of the extension's storage (or of the temp
 * directory when that path is too long for a socket); a named pipe on Windows.
 */
export class EngineApiService extends Disposable {
  private server: ApiServer | undefined;

  constructor(private readonly engine: Engine, private readonly storage: string) {
    super();
    this._register({ dispose: () => void this.stop() });
  }

  /** The socket while the API is served. */
  get socketPath(): string | undefined {
    return this.server?.socketPath;
  }

  /** `export DOCKER_HOST=…` for a shell on this machine. */
  get exportLine(): string | undefined {
    const socket = this.socketPath;
    if (socket === undefined) return undefined;
    return process.platform === 'win32' ? `$env:DOCKER_HOST = "npipe://${socket.replace(/\\/g, '/')}"` : `export DOCKER_HOST=unix://${socket}`;
  }

  /** Starts serving (if not already) and returns the socket's path. */
  async start(): Promise<string> {
    if (this.server) return this.server.socketPath;
    const server = new ApiServer(this.engine, this.choosePath());
    await server.start();
    this.server = server;
    return server.socketPath;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  private choosePath(): string {
    if (process.platform === 'win32') return `\\\\.\\pipe\\docker-lab-${process.pid}`;
    const inStorage = path.join(this.storage, 'engine-api', 'docker.sock');
    if (inStorage.length <= MAX_SOCKET_PATH) return inStorage;
    const user = typeof process.getuid === 'function' ? process.getuid() : 0;
    return path.join(os.tmpdir(), `docker-lab-${user}`, 'docker.sock');
  }
}

/** The commands that start and stop the Engine API, with the message that tells the learner how to use it. */
export function registerEngineApiCommands(service: EngineApiService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dockerLab.startEngineApi', async () => {
      try {
        const socket = await service.start();
        const copy = vscode.l10n.t('Copy export line');
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Docker Lab serves the Docker Engine API on {0}. Point the docker CLI at it with: {1}', socket, service.exportLine ?? ''), copy,
        ).then(async (choice) => {
          if (choice === copy && service.exportLine) await vscode.env.clipboard.writeText(service.exportLine);
        });
        return socket;
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Docker Lab could not serve the Engine API: {0}', error instanceof Error ? error.message : String(error)));
        return undefined;
      }
    }),
    vscode.commands.registerCommand('dockerLab.stopEngineApi', async () => {
      const was = service.socketPath;
      await service.stop();
      if (was) void vscode.window.showInformationMessage(vscode.l10n.t('Docker Lab no longer serves the Engine API ({0} removed).', was));
    }),
  ];
}
