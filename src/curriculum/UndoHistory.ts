import type { Engine, EngineState } from '../engine/Engine';
import { Emitter, type Event } from '../engine/Emitter';

/** A command in progress, from `begin` to `end`. */
export interface UndoToken {
  readonly label: string;
  readonly state: EngineState;
  readonly changesAtStart: number;
}

/**
 * "Undo" for the lab: before each command the engine's state is kept; when
 * the command changed the engine, that state goes on a stack, and `undo`
 * puts the engine back as it was before the command. Commands that changed
 * nothing (`docker ps`) leave no entry. Running containers in the restored
 * state keep running (Engine.importState).
 */
export class UndoHistory {
  private readonly entries: { label: string; state: EngineState }[] = [];
  private changes = 0;
  private restoring = false;
  private readonly subscription: { dispose(): void };
  private readonly changeEmitter = new Emitter<void>();

  /** The stack changed (an entry was added or undone, or it was cleared). */
  readonly onDidChange: Event<void> = this.changeEmitter.event;

  constructor(private readonly engine: Engine, private readonly limit = 20) {
    this.subscription = engine.onDidChange(() => {
      if (!this.restoring) this.changes++;
    });
  }

  /** A command is about to run: remember the engine as it is. */
  begin(label: string): UndoToken {
    return { label, state: this.engine.exportState(), changesAtStart: this.changes };
  }

  /** The command ended: keep the state from before it if it changed the engine. */
  end(token: UndoToken): void {
    if (this.changes === token.changesAtStart) return;
    this.entries.push({ label: token.label, state: token.state });
    if (this.entries.length > this.limit) this.entries.shift();
    this.changeEmitter.fire();
  }

  /** Runs `command` between `begin` and `end` (a sidebar action, a lesson's reset). */
  async around<T>(label: string, command: () => Promise<T>): Promise<T> {
    const token = this.begin(label);
    try {
      return await command();
    } finally {
      this.end(token);
    }
  }

  /** The label of the command `undo` would take back, if any. */
  get next(): string | undefined {
    return this.entries.at(-1)?.label;
  }

  /** Puts the engine back as it was before the last command that changed it; returns that command. */
  undo(): string | undefined {
    const entry = this.entries.pop();
    if (!entry) return undefined;
    this.restoring = true;
    try {
      this.engine.importState(entry.state);
    } finally {
      this.restoring = false;
    }
    this.changeEmitter.fire();
    return entry.label;
  }

  /** Forgets every entry (the lab was reset or reloaded from disk). */
  clear(): void {
    if (this.entries.length === 0) return;
    this.entries.length = 0;
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
