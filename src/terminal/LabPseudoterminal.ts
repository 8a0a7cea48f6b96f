import * as vscode from 'vscode';
import { Disposable } from '../Disposable';
import type { LabShell } from '../shell/LabShell';

/**
 * A Docker Lab terminal: VS Code's Pseudoterminal over the lab shell. The
 * shell does everything a terminal's line discipline does (echo, editing,
 * history, Ctrl+C); this class only carries bytes both ways.
 */
export class LabPseudoterminal extends Disposable implements vscode.Pseudoterminal {
  private readonly writeEmitter = this._register(new vscode.EventEmitter<string>());
  private readonly closeEmitter = this._register(new vscode.EventEmitter<number>());

  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;

  private markOpened!: () => void;
  /** Resolves once VS Code opened the terminal and the shell printed its first prompt. */
  readonly whenOpened = new Promise<void>((resolve) => (this.markOpened = resolve));

  constructor(readonly shell: LabShell) {
    super();
    this._register(shell.onOutput((text) => this.writeEmitter.fire(text)));
    // `exit` or Ctrl+D: VS Code closes the terminal tab, as it does when a shell exits.
    this._register(shell.onExit((status) => this.closeEmitter.fire(status)));
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.shell.open(initialDimensions?.columns ?? 80, initialDimensions?.rows);
    this.markOpened();
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.shell.resize(dimensions.columns, dimensions.rows);
  }

  handleInput(data: string): void {
    this.shell.handleInput(data);
  }

  /** The learner closed the terminal (or the window): a running command is dropped, as a killed shell's would be. */
  close(): void {
    this.dispose();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.shell.dispose();
  }
}
