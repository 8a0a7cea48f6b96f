/**
 * The value types of the docker CLI's flags: pflag's own (`bool`, `string`, `int`, `uint16`,
 * `duration`, `stringSlice`, `stringArray`, `stringToString`, ...) and the docker/cli `opts`
 * types, named by their `Type()` as help prints it (`list`, `map`, `filter`, `bytes`, `decimal`,
 * `ulimit`, `mount`, `network`, `gpu-request`, ...). `swapBytes` is opts.MemSwapBytes, which
 * prints as `bytes` but also takes -1.
 */
export type FlagType =
  | 'bool'
  | 'string'
  | 'int'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float64'
  | 'duration'
  | 'bytes'
  | 'swapBytes'
  | 'decimal'
  | 'list'
  | 'stringArray'
  | 'stringSlice'
  | 'map'
  | 'stringToString'
  | 'filter'
  | 'ulimit'
  | 'mount'
  | 'network'
  | 'gpu-request'
  // Swarm-only opts types, kept as plain lists of the given values (not validated).
  | 'command'
  | 'config'
  | 'credential-spec'
  | 'external-ca'
  | 'ipNetSlice'
  | 'node-addr'
  | 'pem-file'
  | 'port'
  | 'pref'
  | 'secret';

/** Every {@link FlagType}, for checking data read from JSON. */
export const FLAG_TYPES: readonly FlagType[] = [
  'bool', 'string', 'int', 'int32', 'int64', 'uint', 'uint16', 'uint32', 'uint64', 'float64', 'duration', 'bytes', 'swapBytes', 'decimal',
  'list', 'stringArray', 'stringSlice', 'map', 'stringToString', 'filter', 'ulimit', 'mount', 'network', 'gpu-request',
  'command', 'config', 'credential-spec', 'external-ca', 'ipNetSlice', 'node-addr', 'pem-file', 'port', 'pref', 'secret',
];

/** What a flag needs from the daemon (docker/cli "ostype" and "experimental" annotations). */
export interface FlagRequirement {
  /** The flag is refused unless the daemon runs this OS ("windows", "linux"). */
  readonly osType?: string;
  /** The flag is refused unless the daemon has experimental features enabled. */
  readonly experimental?: boolean;
}

/** One flag, as pflag defines it. */
export interface FlagDefinition {
  /** Long name, without dashes: `detach`. */
  readonly long: string;
  /** One-character shorthand: `d`. */
  readonly short?: string;
  readonly type: FlagType;
  /** Usage text as help prints it (back-quoted placeholders already resolved). */
  readonly usage: string;
  /** The placeholder help prints after the name when it is not the type's own (`bool` has none). */
  readonly placeholder?: string;
  /**
   * The default as help prints it inside "(default ...)" (pflag's DefValue: `-1`, `"info"`,
   * `10s`, `[]`). Absent when help prints no default (the type's zero value).
   */
  readonly defaultText?: string;
  /** pflag NoOptDefVal for non-bool flags: the value taken when the flag has no `=value`. */
  readonly noOptDefault?: string;
  /** Hidden from help, still accepted. */
  readonly hidden?: boolean;
  /** pflag Deprecated: hidden, accepted, and "Flag --x has been deprecated, <this>" when used. */
  readonly deprecated?: string;
  /** pflag ShorthandDeprecated: the shorthand works but warns (`-h`: "use --help"). */
  readonly shorthandDeprecated?: string;
  /** Name of a validator in flagValidators (list flags of docker/cli that validate each value). */
  readonly validate?: string;
  readonly requires?: FlagRequirement;
}

/** A flag's value: by type, a boolean, string, number, list of strings or string map. */
export type FlagValue = boolean | string | number | readonly string[] | Readonly<Record<string, string>>;
