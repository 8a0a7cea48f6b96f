/** Where a command's standard streams go: the process's own, a pipe, a capture, or nowhere. */
export interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
  readLine(): Promise<string | null>;
  /** True once the reader of stdout has gone (the right side of a pipe exited). */
  broken(): boolean;
  /** Descriptors above 2 that redirections opened (`exec 3>file`, `4<file`). */
  descriptors?: ReadonlyMap<number, Descriptor>;
}

/** An open descriptor: what writing to it or reading from it does (either may be missing). */
export interface Descriptor {
  write?(text: string): void;
  readLine?(): Promise<string | null>;
}

/**
 * A pipe between two pipeline stages: what the writer prints, the reader
 * reads line by line. When the writer is done the reader sees end of input;
 * when the reader is done the writer is "broken" (it would get SIGPIPE).
 */
export class Pipe {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiter: (() => void) | undefined;
  private writerDone = false;
  private readerDone = false;

  write(text: string): void {
    if (this.readerDone) return;
    this.buffer += text;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      this.lines.push(this.buffer.slice(0, newline));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
    this.wake();
  }

  closeWriter(): void {
    if (this.buffer) {
      this.lines.push(this.buffer);
      this.buffer = '';
    }
    this.writerDone = true;
    this.wake();
  }

  closeReader(): void {
    this.readerDone = true;
    this.lines.length = 0;
  }

  get isBroken(): boolean {
    return this.readerDone;
  }

  async readLine(): Promise<string | null> {
    for (;;) {
      if (this.lines.length) return this.lines.shift()!;
      if (this.writerDone) return null;
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
