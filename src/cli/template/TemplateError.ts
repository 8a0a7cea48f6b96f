/**
 * An error from parsing or executing a Go template, carrying Go's own message
 * (`template: :1: unexpected "}" in operand`,
 * `template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type ...`).
 * The docker CLI wraps it as `template parsing error: <message>`; see renderFormat.
 */
export class TemplateError extends Error {
  /**
   * What execution had written before it stopped. Go's Execute writes as it
   * goes, so callers that keep partial output (docker's table header) need it.
   */
  readonly partialOutput: string;

  constructor(message: string, partialOutput = '') {
    super(message);
    this.name = 'TemplateError';
    this.partialOutput = partialOutput;
  }
}
