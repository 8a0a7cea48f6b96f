/**
 * An error carrying the exact text a Go function of the docker CLI would return
 * (`strconv.ParseInt: parsing "abc": invalid syntax`, `time: missing unit in duration "5"`, ...).
 * Value parsers throw it; {@link FlagSet} turns it into pflag's
 * `invalid argument "<value>" for "<flag>" flag: <message>`.
 */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}
