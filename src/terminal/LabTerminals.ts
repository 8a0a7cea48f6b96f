import * as os from 'node:os';
import * as vscode from 'vscode';
import type { UndoHistory, UndoToken } from '../curriculum/UndoHistory';
import { inProcessDaemonSocket } from '../api/inProcess';
import { Disposable } from '../Disposable';
import type { Engine } from '../engine/Engine';
import { createShellHost } from '../shell/createShellHost';
import { LabShell } from '../shell/LabShell';
import type { HistoryStore } from '../shell/ShellHost';
import { NodeHostFiles } from '../host/NodeHostFiles';
import { LabPseudoterminal } from './LabPseudoterminal';

/** The terminal profile's id in package.json (`contributes.terminal.profiles`). */
export const TERMINAL_PROFILE_ID = 'dockerLab.terminal';

/** Global state key of the shell history all Docker Lab terminals share. */
export const HISTORY_KEY = 'dockerLab.shellHistory';
/** How many Docker Lab terminals this window had open: a reload opens as many again. */
const OPEN_TERMINALS_KEY = 'dockerLab.openTerminals';

/**
 * Every Docker Lab terminal of this window. They share one engine (one
 * "daemon", as several shells on a machine share one dockerd) and one
 * history, and are also offered as the "Docker Lab" terminal profile.
 */
export class LabTerminals extends Disposable {
  private readonly terminals = new Map<vscode.Terminal, LabPseudoterminal>();
  private readonly executeEmitter = this._register(new vscode.EventEmitter<void>());
  /** A command line finished in some Docker Lab terminal. */
  readonly onDidExecute = this.executeEmitter.event;
  private readonly history: HistoryStore;
  /** `curl --unix-socket /var/run/docker.sock`: the engine's API, in process. */
  private readonly daemonSocket: ReturnType<typeof inProcessDaemonSocket>;

  constructor(
    private readonly engine: Engine,
    globalState: vscode.Memento,
    private readonly workspaceState: vscode.Memento,
    /** Each command line that changes the lab can be taken back with "Undo". */
    private readonly undo?: UndoHistory,
  ) {
    super();
    this.daemonSocket = inProcessDaemonSocket(engine);
    this.history = {
      load: () => globalState.get<string[]>(HISTORY_KEY, []),
      save: (entries) => void globalState.update(HISTORY_KEY, entries),
    };
    this._register(vscode.window.registerTerminalProfileProvider(TERMINAL_PROFILE_ID, {
      provideTerminalProfile: () => new vscode.TerminalProfile(this.terminalOptions(this.createPty())),
    }));
    this._register(vscode.window.onDidOpenTerminal((terminal) => this.adopt(terminal)));
    this._register(vscode.window.onDidCloseTerminal((terminal) => {
      const pty = this.terminals.get(terminal);
      if (!pty) return;
      pty.dispose();
      this.terminals.delete(terminal);
      // Closed because the window closes or reloads: it is to come back, so it still counts.
      if (terminal.exitStatus?.reason !== vscode.TerminalExitReason.Shutdown) this.rememberCount();
    }));
  }

  /**
   * Opens as many Docker Lab terminals as the window had before it was
   * reloaded (VS Code does not revive extension terminals itself), without
   * taking the focus. Each starts with a fresh prompt on the restored lab.
   */
  revive(): void {
    const count = Math.min(this.workspaceState.get<number>(OPEN_TERMINALS_KEY, 0), 5);
    for (let i = this.terminals.size; i < count; i++) {
      const terminal = vscode.window.createTerminal(this.terminalOptions(this.createPty()));
      this.adopt(terminal);
      if (i === count - 1) terminal.show(true);
    }
  }

  /** Opens a new Docker Lab terminal and shows it. */
  open(): vscode.Terminal {
    const terminal = vscode.window.createTerminal(this.terminalOptions(this.createPty()));
    this.adopt(terminal);
    terminal.show();
    return terminal;
  }

  /** The Docker Lab terminals now open (for tests and for "run in terminal"). */
  get all(): readonly vscode.Terminal[] {
    return [...this.terminals.keys()];
  }

  /** The shell behind a Docker Lab terminal. */
  shellOf(terminal: vscode.Terminal): LabShell | undefined {
    return this.terminals.get(terminal)?.shell;
  }

  /**
   * Types `line` into a Docker Lab terminal that waits at its prompt (the
   * active one if it does, else another, else a new one) and presses Enter:
   * the learner sees the command, its output, and finds it in the history.
   */
  async runLine(line: string, options: { newTerminal?: boolean } = {}): Promise<vscode.Terminal> {
    let terminal: vscode.Terminal | undefined;
    if (!options.newTerminal) {
      const idle = (t: vscode.Terminal | undefined) => t !== undefined && this.terminals.get(t)?.shell.isBusy === false;
      const active = vscode.window.activeTerminal;
      terminal = idle(active) ? active : this.all.find(idle);
    }
    terminal ??= this.open();
    terminal.show();
    const pty = this.terminals.get(terminal) as LabPseudoterminal;
    await pty.whenOpened;
    // Ctrl+E Ctrl+U: clear whatever was half typed at the prompt, as readline does.
    pty.shell.handleInput(`\x05\x15${line}\r`);
    return terminal;
  }

  private createPty(): LabPseudoterminal {
    const shell = new LabShell(createShellHost(this.engine, new NodeHostFiles(hostDirectory()), this.daemonSocket), {
      welcome: vscode.l10n.t('Docker Lab: a simulated Docker to practise on. Type "help" to see what you can do.'),
      history: this.history,
    });
    let command: UndoToken | undefined;
    shell.onWillExecute((text) => {
      if (this.undo) command = this.undo.begin(text);
    });
    shell.onDidExecute(() => {
      if (command) this.undo?.end(command);
      command = undefined;
      this.executeEmitter.fire();
    });
    return new LabPseudoterminal(shell);
  }

  private terminalOptions(pty: LabPseudoterminal): vscode.ExtensionTerminalOptions {
    return { name: 'Docker Lab', pty, iconPath: new vscode.ThemeIcon('layers') };
  }

  /** Terminals from the profile drop-down are created by VS Code; they are recognised by their pty. */
  private adopt(terminal: vscode.Terminal): void {
    if (this.terminals.has(terminal)) return;
    const options = terminal.creationOptions as Partial<vscode.ExtensionTerminalOptions>;
    if (!(options.pty instanceof LabPseudoterminal)) return;
    this.terminals.set(terminal, options.pty);
    this.rememberCount();
  }

  private rememberCount(): void {
    void this.workspaceState.update(OPEN_TERMINALS_KEY, this.terminals.size);
  }

  override dispose(): void {
    for (const pty of this.terminals.values()) pty.dispose();
    this.terminals.clear();
    super.dispose();
  }
}

/** Where `docker cp` finds the learner's files: the first workspace folder on disk, else the home directory. */
export function hostDirectory(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder?.scheme === 'file' ? folder.fsPath : os.homedir();
}
