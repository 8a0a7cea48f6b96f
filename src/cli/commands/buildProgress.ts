import type { BuildEvent, BuildWarning } from '../../engine/build/BuildEvent';
import type { OutputStream } from '../CommandIO';

/** buildx's `--progress` modes (rawjson is not simulated). */
export type BuildProgressMode = 'plain' | 'tty' | 'quiet';

/** aec's colours, as progressui uses them on Linux (NO_COLOR turns them off). */
const BLUE = '\x1b[34m';
const YELLOW = '\x1b[33m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** What buildx says of its builder: the docker driver's default instance. */
const TEXT_DESCRIPTION = 'building with "default" instance using docker driver';
const CONSOLE_DESCRIPTION = 'docker:default';
/** progressui's logsBufferSize: the plain printer keeps a vertex's last 10 lines for its error report. */
const LOGS_BUFFER_SIZE = 10;

interface Status {
  id: string;
  current?: number;
  total?: number;
  started?: number;
  completed?: number;
}

/** progressui's vertex in its trace: what the client knows of one step. */
interface TracedVertex {
  id: string;
  /** `#N` in the plain output: given when first printed. */
  index: number;
  name: string;
  started?: number;
  completed?: number;
  cached: boolean;
  error: string;
  statuses: Status[];
  warnings: BuildWarning[];
  /** Every log line, `0.123 text` (the TTY display's error report shows them all). */
  logs: string[];
  /** The last lines the plain printer printed (its error report). */
  logsBuffer: string[];
  /** An unfinished line of output. */
  partial: string;
  /** Time of the partial line's first bytes. */
  partialTime: number;
}

/**
 * BuildKit's progress display (util/progress/progressui) as buildx uses it
 * for `docker build`: the plain printer (`#5 [2/3] RUN ...`, its output lines
 * as `#5 0.523 ...`, `#5 DONE 0.6s`) printing as the events come, or the TTY
 * display's final frame (`[+] Building 2.3s (8/8) FINISHED  docker:default`
 * and a ` => ` line per step), then the error logs of failed steps and the
 * build checks' warnings.
 */
export class BuildProgressPrinter {
  private readonly vertices = new Map<string, TracedVertex>();
  private readonly order: TracedVertex[] = [];
  private nextIndex = 0;
  private current: TracedVertex | undefined;
  private printedAny = false;
  private startTime: number | undefined;
  private lastTime = 0;
  /** The build checks' warnings, once each (buildx's dedupWarnings), for the summary after the progress. */
  readonly warnings: BuildWarning[] = [];

  constructor(
    private readonly out: OutputStream,
    private readonly mode: BuildProgressMode,
    private readonly options: { columns: number; color: boolean },
  ) {}

  /** One event of the build's status stream. */
  update(event: BuildEvent): void {
    const vertex = this.vertexFor(event);
    switch (event.type) {
      case 'vertex':
        vertex.name = event.name;
        if (event.started !== undefined) {
          vertex.started = event.started;
          this.startTime ??= event.started;
        }
        if (event.completed !== undefined) {
          vertex.completed = event.completed;
          this.lastTime = Math.max(this.lastTime, event.completed);
        }
        if (event.cached) vertex.cached = true;
        if (event.error) vertex.error = event.error;
        if (this.mode === 'plain') this.printPlain(vertex, event.completed === undefined ? undefined : { kind: 'completed' });
        return;
      case 'status': {
        const existing = vertex.statuses.find((status) => status.id === event.id);
        const status: Status = { id: event.id, current: event.current, total: event.total, started: event.started, completed: event.completed };
        if (existing) Object.assign(existing, status);
        else vertex.statuses.push(status);
        if (this.mode === 'plain') this.printPlain(vertex, { kind: 'status', status });
        return;
      }
      case 'log':
        this.addLog(vertex, event.data, event.time);
        return;
      case 'warning':
        vertex.warnings.push(event.warning);
        if (!this.warnings.some((warning) => warning.short === event.warning.short)) this.warnings.push(event.warning);
        if (this.mode === 'plain') this.printPlain(vertex, { kind: 'warning', warning: event.warning });
        return;
    }
  }

  /**
   * The end of the stream: the TTY display draws its last frame; both print
   * the logs of the steps that failed, as progressui's printErrorLogs does.
   */
  done(): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'plain' && this.current) this.flushPartial(this.current);
    if (this.mode === 'tty') this.printFrame();
    for (const vertex of this.order) {
      if (!vertex.error || vertex.error.endsWith('context canceled')) continue;
      this.out.write('------\n');
      this.out.write(` > ${vertex.name}:\n`);
      if (this.mode === 'tty') {
        for (const line of vertex.logs) this.out.write(`${line}\n`);
      } else {
        for (const line of vertex.logsBuffer) this.out.write(`${line}\n`);
      }
      this.out.write('------\n');
    }
  }

  private vertexFor(event: BuildEvent): TracedVertex {
    let vertex = this.vertices.get(event.vertex);
    if (!vertex) {
      vertex = {
        id: event.vertex, index: 0, name: event.type === 'vertex' ? event.name : '', cached: false, error: '',
        statuses: [], warnings: [], logs: [], logsBuffer: [], partial: '', partialTime: 0,
      };
      this.vertices.set(event.vertex, vertex);
      this.order.push(vertex);
    }
    return vertex;
  }

  // ------------------------------------------------------------ logs

  private addLog(vertex: TracedVertex, data: string, time: number): void {
    const pieces = data.split('\n');
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1;
      if (last) {
        // Text after the last newline waits for the rest of its line.
        if (piece !== '') {
          if (vertex.partial === '') vertex.partialTime = time;
          vertex.partial += piece;
        }
        break;
      }
      const lineTime = vertex.partial !== '' ? vertex.partialTime : time;
      const line = `${logTimestamp(lineTime - (vertex.started ?? lineTime))} ${vertex.partial}${piece}`;
      vertex.partial = '';
      this.addLine(vertex, line);
    }
  }

  private addLine(vertex: TracedVertex, line: string): void {
    vertex.logs.push(line);
    vertex.logsBuffer.push(line);
    if (vertex.logsBuffer.length > LOGS_BUFFER_SIZE) vertex.logsBuffer.shift();
    if (this.mode === 'plain') this.printPlain(vertex, { kind: 'log', line });
  }

  private flushPartial(vertex: TracedVertex): void {
    if (vertex.partial === '') return;
    const line = `${logTimestamp(vertex.partialTime - (vertex.started ?? vertex.partialTime))} ${vertex.partial}`;
    vertex.partial = '';
    this.addLine(vertex, line);
  }

  // ------------------------------------------------------------ plain

  /** textMux.printVtx, for a stream whose events come one vertex at a time. */
  private printPlain(vertex: TracedVertex, what: { kind: 'completed' } | { kind: 'status'; status: Status } | { kind: 'log'; line: string } | { kind: 'warning'; warning: BuildWarning } | undefined): void {
    if (vertex !== this.current) {
      if (this.current && this.current.completed === undefined) {
        this.flushPartial(this.current);
        this.out.write(`#${this.current.index} ...\n`);
      }
      if (this.printedAny) {
        this.out.write('\n');
      } else {
        this.out.write(`#0 ${TEXT_DESCRIPTION}\n\n`);
        this.printedAny = true;
      }
      if (vertex.index === 0) vertex.index = ++this.nextIndex;
      this.out.write(`#${vertex.index} ${vertex.name}\n`);
      this.current = vertex;
    }
    if (what === undefined) return;
    switch (what.kind) {
      case 'status':
        this.out.write(`#${vertex.index} ${what.status.id}${statusBytes(what.status)}${statusTime(what.status)}${what.status.completed !== undefined ? ' done' : ''}\n`);
        return;
      case 'log':
        this.out.write(`#${vertex.index} ${what.line}\n`);
        return;
      case 'warning':
        this.out.write(`#${vertex.index} WARN: ${what.warning.short}\n`);
        return;
      case 'completed':
        this.flushPartial(vertex);
        if (vertex.error) {
          this.out.write(vertex.error.endsWith('context canceled') ? `#${vertex.index} CANCELED\n` : `#${vertex.index} ERROR: ${vertex.error}\n`);
        } else if (vertex.cached) {
          this.out.write(`#${vertex.index} CACHED\n`);
        } else {
          this.out.write(`#${vertex.index} DONE ${seconds((vertex.completed ?? 0) - (vertex.started ?? 0))}\n`);
        }
        this.current = undefined;
        return;
    }
  }

  // ------------------------------------------------------------ tty

  /** ttyDisplay.print with all=true: the header, then a line per step and per status, colored when done. */
  private printFrame(): void {
    const width = this.options.columns;
    const total = this.order.length;
    const completed = this.order.filter((vertex) => vertex.completed !== undefined).length;
    const elapsed = (this.lastTime - (this.startTime ?? this.lastTime)) / 1000;
    const status = completed > 0 && completed === total ? 'FINISHED' : '';
    let header = `[+] Building ${elapsed.toFixed(1)}s (${completed}/${total}) ${status}`;
    header = align(header, CONSOLE_DESCRIPTION, width - 1);
    if (header.length > width) header = header.slice(0, width);
    this.out.write(`${header}\n`);
    for (const vertex of this.order) {
      let name = vertex.name.replace(/\t/g, ' ');
      let color = BLUE;
      if (vertex.error) {
        if (vertex.error.endsWith('context canceled')) {
          name = `CANCELED ${name}`;
          color = YELLOW;
        } else {
          name = `ERROR ${name}`;
          color = RED;
        }
      }
      if (vertex.cached) name = `CACHED ${name}`;
      const duration = vertex.started !== undefined ? ((vertex.completed ?? this.lastTime) - vertex.started) / 1000 : 0;
      this.printJob(name, '', duration, vertex.completed !== undefined, color);
      for (const status of vertex.statuses) {
        const statusDuration = status.started !== undefined ? ((status.completed ?? this.lastTime) - status.started) / 1000 : 0;
        this.printJob(`=> ${status.id}`, statusText(status), statusDuration, status.completed !== undefined, BLUE);
      }
      // Warning jobs are never "completed" in progressui, so they are not coloured.
      for (const warning of vertex.warnings) {
        this.printJob(`WARN: ${warning.short}`, '', duration, false, YELLOW);
      }
    }
  }

  private printJob(jobName: string, status: string, duration: number, completed: boolean, color: string): void {
    const width = this.options.columns;
    const prefix = ' => ';
    const timer = ` ${(duration < 0.05 ? 0 : duration).toFixed(1)}s`;
    let left = width - prefix.length - (timer.length + 1) - 1;
    let showStatus = false;
    if (status !== '' && left + status.length > 20) {
      showStatus = true;
      left -= status.length + 1;
    }
    // Too narrow a terminal to show the step.
    if (left < 12) return;
    let name = jobName;
    if (name.length > left) name = name.slice(0, left);
    let line = prefix + name;
    if (showStatus) line += ` ${status}`;
    line = `${align(line, timer, width - 1)}\n`;
    if (completed && this.options.color) line = color + line + RESET;
    this.out.write(line);
  }
}

/** progressui's `%-*s %s`: `left` padded so that `right` ends the line at `width`. */
function align(left: string, right: string, width: number): string {
  return `${left.padEnd(width - right.length - 1)} ${right}`;
}

/** A log line's time since its step started: 3 decimals below 10 s, 2 below 100 s, else 1. */
function logTimestamp(milliseconds: number): string {
  const value = Math.max(0, milliseconds) / 1000;
  return value.toFixed(value < 10 ? 3 : value < 100 ? 2 : 1);
}

function seconds(milliseconds: number): string {
  return `${(Math.max(0, milliseconds) / 1000).toFixed(1)}s`;
}

/** tonistiigi/units `%.2f`: whole bytes below 1 kB, else two decimals of kB, MB, GB (powers of 1000). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let unit = 0;
  let base = 1;
  while (bytes >= base * 1000 && unit < units.length - 1) {
    base *= 1000;
    unit++;
  }
  if (unit === 0) return `${bytes}B`;
  return `${(bytes / base).toFixed(2)}${units[unit]}`;
}

function statusText(status: Status): string {
  if (status.total) return `${formatBytes(status.current ?? 0)} / ${formatBytes(status.total)}`;
  if (status.current) return formatBytes(status.current);
  return '';
}

function statusBytes(status: Status): string {
  const text = statusText(status);
  return text ? ` ${text}` : '';
}

function statusTime(status: Status): string {
  if (status.started === undefined || status.completed === undefined) return '';
  const duration = (status.completed - status.started) / 1000;
  return duration > 0.01 ? ` ${duration.toFixed(1)}s` : '';
}

/**
 * buildx's printWarnings: after the progress, `N warning(s) found` in
 * yellow, then one ` - ` line per warning.
 */
export function formatWarnings(warnings: readonly BuildWarning[]): string {
  if (warnings.length === 0) return '';
  const count = warnings.length === 1 ? '1 warning found' : `${warnings.length} warnings found`;
  let out = `\n ${YELLOW}${count} (use docker --debug to expand):\n${RESET}`;
  for (const warning of warnings) out += ` - ${warning.short}\n`;
  return out;
}
