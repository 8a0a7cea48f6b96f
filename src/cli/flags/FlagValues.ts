import { FlagDefinition, FlagValue } from './FlagDefinition';

/** A flag's state; shared between flag sets the way pflag shares `*Flag` (AddFlagSet). */
export interface FlagCell {
  readonly definition: FlagDefinition;
  value: FlagValue;
  changed: boolean;
}

/** Read access to a flag set's values, by long name. */
export class FlagValues {
  constructor(private readonly cells: ReadonlyMap<string, FlagCell>) {}

  /** Whether the flag is defined. */
  has(long: string): boolean {
    return this.cells.has(long);
  }

  /** The flag's value: what the command line gave, or its default. */
  get(long: string): FlagValue {
    return this.cell(long).value;
  }

  /** Whether the command line set the flag (pflag's Changed). */
  changed(long: string): boolean {
    return this.cells.get(long)?.changed ?? false;
  }

  /** Long names of the flags the command line set, sorted like pflag's VisitAll. */
  changedNames(): string[] {
    return [...this.cells.values()].filter((cell) => cell.changed).map((cell) => cell.definition.long).sort();
  }

  /** Every flag's value by long name. */
  toMap(): Map<string, FlagValue> {
    return new Map([...this.cells].map(([long, cell]) => [long, cell.value]));
  }

  bool(long: string): boolean {
    return this.typed(long, 'boolean') as boolean;
  }

  string(long: string): string {
    return this.typed(long, 'string') as string;
  }

  number(long: string): number {
    return this.typed(long, 'number') as number;
  }

  /** An integer flag's value (int, uint, ... and the byte sizes). */
  int(long: string): number {
    const value = this.number(long);
    if (!Number.isInteger(value)) throw new TypeError(`flag --${long} is not an integer`);
    return value;
  }

  /** A repeatable flag's values (`-p`, `-e`), in order; a fresh array. */
  list(long: string): string[] {
    const value = this.get(long);
    if (!Array.isArray(value)) throw new TypeError(`flag --${long} is not a list`);
    return [...(value as readonly string[])];
  }

  map(long: string): Readonly<Record<string, string>> {
    const value = this.get(long);
    if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`flag --${long} is not a map`);
    return value as Readonly<Record<string, string>>;
  }

  private typed(long: string, type: 'boolean' | 'string' | 'number'): FlagValue {
    const value = this.get(long);
    if (typeof value !== type) throw new TypeError(`flag --${long} is not a ${type}`);
    return value;
  }

  private cell(long: string): FlagCell {
    const cell = this.cells.get(long);
    if (cell === undefined) throw new RangeError(`no such flag --${long}`);
    return cell;
  }
}
