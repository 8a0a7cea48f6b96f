import * as assert from 'node:assert';
import * as fc from 'fast-check';
import { TemplateError, goMap, parseTemplate } from '../../../src/cli/template/GoTemplate';

/** Pieces templates are made of, so random strings reach deep into the lexer and parser, not just text. */
const piece = fc.constantFrom(
  '{{', '}}', '{{-', '-}}', ' ', '\n', '.', '.Name', '.A.B', '$', '$x', ':=', '=', '|', '(', ')', ',', '"s"', '`r`', "'c'",
  '1', '-2', '3.5', '0x1F', '1e3', '1+2i', 'nil', 'true', 'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block',
  'break', 'continue', 'len', 'index', 'printf', 'json', 'join', 'split', 'eq', 'and', 'not', '/*', '*/', '"%v"', 'x', '한',
);
const templateText = fc.oneof(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), fc.string({ maxLength: 40 }));

const data = goMap({ Name: 'web', A: { B: [1, 'two', null] }, Labels: goMap({ a: 'b' }), N: 3 });

suite('GoTemplate: properties', () => {
  test('any text either parses or throws a TemplateError, never anything else', () => {
    // Protects against parser crashes (TypeError, RangeError) on malformed input.
    fc.assert(
      fc.property(templateText, (text) => {
        try {
          parseTemplate(text);
        } catch (error) {
          assert.ok(error instanceof TemplateError, `${JSON.stringify(text)} threw ${String(error)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('a template that parses either executes or throws a TemplateError', () => {
    // Protects the executor: whatever a learner types, the simulation answers as docker would, never with a JS error.
    fc.assert(
      fc.property(templateText, (text) => {
        let template;
        try {
          template = parseTemplate(text);
        } catch {
          return;
        }
        try {
          assert.strictEqual(typeof template.execute(data), 'string');
        } catch (error) {
          assert.ok(error instanceof TemplateError, `${JSON.stringify(text)} threw ${String(error)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('text without {{ is printed unchanged', () => {
    fc.assert(
      fc.property(fc.string().filter((text) => !text.includes('{{')), (text) => {
        assert.strictEqual(parseTemplate(text).execute(undefined), text);
      }),
    );
  });
});
