import * as assert from 'node:assert';
import {
  GO_MAP,
  GO_MARSHAL_JSON,
  GoNil,
  TemplateError,
  dockerHeaderFunctions,
  goJson,
  goMap,
  goNil,
  goType,
  parseTemplate,
} from '../../../src/cli/template/GoTemplate';
import { contextInspectData, dockerRecordedCases } from './dockerRecordedCases';

/** Runs `text` on `data`; returns the output or `error: <message>`. */
function run(text: string, data: unknown = undefined): string {
  try {
    return parseTemplate(text).execute(data);
  } catch (error) {
    if (error instanceof TemplateError) {
      return `error: ${error.message}`;
    }
    throw error;
  }
}

suite('GoTemplate: byte-exact with docker 28.2.2', () => {
  // Each case protects one behaviour of Go's text/template as docker ships it
  // (lexing, parsing, error positions in bytes, builtins, fmt printing, docker's
  // functions); the expectations were printed by the real docker binary.
  for (const [template, recorded] of dockerRecordedCases) {
    test(JSON.stringify(template), () => {
      const expected = 'output' in recorded ? recorded.output : `error: ${recorded.error}`;
      assert.strictEqual(run(template, contextInspectData()), expected);
    });
  }
});

suite('GoTemplate: parse errors are TemplateErrors with Go messages', () => {
  // Messages checked against docker 28.2.2 (`docker context inspect --format`).
  const cases: [string, string][] = [
    ['{{"a"}x}}', 'template: :1: unexpected "}" in operand'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{}', 'template: :1: unexpected "}" in command'],
    ['{{.Name', 'template: :1: unclosed action'],
    ['a\nb\n{{if 1}}', 'template: :3: unexpected EOF'],
    ['{{if 1}}\n{{"a}}', 'template: :2: unterminated quoted string'],
    ['{{ print\n"a}}', 'template: :2: unterminated quoted string in action started at :1'],
    ['{{ print\n1 }', 'template: :2: unexpected "}" in operand'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{range .}}{{end}}{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{define "a"}}x{{end}}{{define "a"}}y{{end}}', 'template: :1: template: multiple definition of template "a"'],
    ['{{1 | 2}}', 'template: :1: non executable command in pipeline stage 2'],
  ];
  for (const [template, message] of cases) {
    test(JSON.stringify(template), () => {
      assert.throws(() => parseTemplate(template), (error: unknown) => error instanceof TemplateError && error.message === message);
    });
  }

  test('functions given at parse time are known to the parser', () => {
    const template = parseTemplate('{{shout "hi"}}', { functions: { shout: { parameters: ['string'], call: (text) => `${text}!` } } });
    assert.strictEqual(template.execute(undefined), 'hi!');
  });

  test('a named template shows its name in errors, as docker version\'s "version" template does', () => {
    assert.throws(() => parseTemplate('{{}', { name: 'version' }), /^TemplateError: template: version:1: unexpected "}" in command$/);
    assert.throws(() => parseTemplate('{{.Nope}}', { name: 'version' }).execute({}), {
      message: 'template: version:1:2: executing "version" at <.Nope>: can\'t evaluate field Nope in type struct {}',
    });
  });

  test('without docker functions, json is undefined as in a bare Go template', () => {
    assert.throws(() => parseTemplate('{{json .}}', { withoutDockerFunctions: true }), /function "json" not defined/);
  });
});

suite('GoTemplate: printing JS data as Go values', () => {
  // Expectations below were printed by Go 1.19's text/template on the equivalent Go structs.
  const container = () =>
    goType(
      {
        Name: '/web',
        Args: ['-g', 'daemon off;'],
        State: goType({ Running: true, Pid: 42, Health: goNil('pointer', '*main.Health') }, '*main.State'),
        Config: goType(
          {
            Labels: goMap({ maintainer: 'NGINX', a: 'b' }),
            Volumes: goNil('map', 'map[string]struct {}'),
            Entrypoint: goNil('slice'),
            Cmd: ['nginx'],
          },
          '*main.Config',
        ),
        Ports: goMap({ '80/tcp': [goType({ HostIp: '0.0.0.0', HostPort: '8080' }, 'nat.PortBinding')], '443/tcp': goNil('slice', '[]nat.PortBinding') }),
        Ratio: 1.5,
        Nothing: undefined,
      },
      'main.Container',
    );
  const cases: [string, string][] = [
    ['{{.State}}', '{true 42 <nil>}'],
    ['{{.State.Running}}', 'true'],
    ['{{.State.Health}}', '<nil>'],
    ['{{.Config}}', '{map[a:b maintainer:NGINX] map[] [] [nginx]}'],
    ['{{.Config.Volumes}}', 'map[]'],
    ['{{.Config.Entrypoint}}', '[]'],
    ['{{.Config.Labels}}', 'map[a:b maintainer:NGINX]'],
    ['{{.Ports}}', 'map[443/tcp:[] 80/tcp:[{0.0.0.0 8080}]]'],
    ['{{range $p, $b := .Ports}}{{$p}}={{$b}};{{end}}', '443/tcp=[];80/tcp=[{0.0.0.0 8080}];'],
    ['{{range $p, $conf := .Ports}}{{with $conf}}{{$p}} -> {{(index $conf 0).HostPort}}{{end}}{{end}}', '80/tcp -> 8080'],
    ['{{.Nothing}}', '<no value>'],
    ['{{print .Nothing}}', '<nil>'],
    ['{{.State.Health.Status}}', 'error: template: :1:8: executing "" at <.State.Health.Status>: nil pointer evaluating *main.Health.Status'],
    ['{{.Ratio}}', '1.5'],
    ['{{.Args}}', '[-g daemon off;]'],
    ['{{join .Args " "}}', '-g daemon off;'],
    ['{{print .State}}', '&{true 42 <nil>}'],
    ['{{printf "%v" .State}}', '&{true 42 <nil>}'],
    ['{{.Config.Labels.missing}}', '<no value>'],
    ['{{index .Config.Labels "missing"}}|', '|'],
    ['{{index .Config.Labels "maintainer"}}', 'NGINX'],
    ['{{len .Config.Volumes}}', '0'],
    ['{{range .Config.Entrypoint}}x{{else}}none{{end}}', 'none'],
    ['{{eq .Config.Volumes nil}}', 'true'],
    ['{{if .State.Health}}h{{else}}nohealth{{end}}', 'nohealth'],
    ['{{.State.Nope}}', 'error: template: :1:8: executing "" at <.State.Nope>: can\'t evaluate field Nope in type *main.State'],
    ['{{.Name}}', '/web'],
    ['{{json .Config}}', '{"Labels":{"a":"b","maintainer":"NGINX"},"Volumes":null,"Entrypoint":null,"Cmd":["nginx"]}'],
  ];
  for (const [template, expected] of cases) {
    test(JSON.stringify(template), () => {
      assert.strictEqual(run(template, container()), expected);
    });
  }

  test('a plain object is a struct: fields in insertion order, a missing field is an error naming struct {}', () => {
    assert.strictEqual(run('{{.}}', { b: 2, a: 'x' }), '{2 x}');
    assert.strictEqual(run('{{.c}}', { b: 2 }), 'error: template: :1:2: executing "" at <.c>: can\'t evaluate field c in type struct {}');
  });

  test('a goMap object and a JS Map print as Go maps with sorted keys', () => {
    assert.strictEqual(run('{{.}}', goMap({ b: 2, a: 'x' })), 'map[a:x b:2]');
    assert.strictEqual(run('{{.}}', new Map<string, number>([['z', 1], ['y', 2]])), 'map[y:2 z:1]');
    assert.strictEqual((goMap({}) as { [GO_MAP]?: boolean })[GO_MAP], true);
  });

  test('missing values print <no value>, nil prints <nil>, whole floats from data print as ints', () => {
    assert.strictEqual(run('{{.}}', undefined), '<no value>');
    assert.strictEqual(run('{{.X}}', undefined), '<no value>');
    assert.strictEqual(run('{{.X}}', { X: null }), '<nil>');
    assert.strictEqual(run('{{.X}} {{.Y}}', { X: 2, Y: 0.25 }), '2 0.25');
    assert.strictEqual(run('{{.}}', [1, 'a', [true]]), '[1 a [true]]');
  });

  test('ranging over a plain object visits its keys in sorted order', () => {
    assert.strictEqual(run('{{range $k, $v := .}}{{$k}}={{$v}} {{end}}', { b: 1, a: 2, c: 3 }), 'a=2 b=1 c=3 ');
  });

  test('ranging over a struct that names its Go type is an error, as in Go', () => {
    assert.match(run('{{range .}}{{end}}', goType({ A: 1 }, 'main.T')), /range can't iterate over \{1\}/);
  });

  test('a GoNil is a typed nil', () => {
    assert.ok(goNil('map') instanceof GoNil);
    assert.strictEqual(run('{{.}}|{{len .}}|{{json .}}', goNil('map')), 'map[]|0|null');
  });
});

suite('GoTemplate: methods', () => {
  // docker's ps/images contexts expose columns as methods (ID(), Label(name)).
  class Row {
    constructor(private readonly id: string) {}
    ID(): string {
      return this.id;
    }
    Label(name: string): string {
      return `label:${name}`;
    }
    Fail(): string {
      throw new Error('boom');
    }
  }
  const cases: [string, string][] = [
    ['{{.ID}}', 'abc'],
    ['{{.Label "x"}}', 'label:x'],
    ['{{"y" | .Label}}', 'label:y'],
    ['{{.Label}}', 'error: template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0'],
    ['{{.ID 1}}', 'error: template: :1:2: executing "" at <.ID>: wrong number of args for ID: want 0 got 1'],
    ['{{.Fail}}', 'error: template: :1:2: executing "" at <.Fail>: error calling Fail: boom'],
    ['{{.}}', '{abc}'],
    ['{{print .}}', '&{abc}'],
  ];
  for (const [template, expected] of cases) {
    test(JSON.stringify(template), () => {
      assert.strictEqual(run(template, goType(new Row('abc'), '*main.Row')), expected);
    });
  }

  test('call invokes a function value with its arguments', () => {
    assert.strictEqual(run('{{call .F 2 3}}', { F: undefined, G: 1 }), 'error: template: :1:2: executing "" at <call .F 2 3>: error calling call: call of nil');
    const data = goMap({ F: (a: number, b: number) => a * b });
    assert.strictEqual(run('{{call .F 2 3}}', data), '6');
  });
});

suite('GoTemplate: execution options', () => {
  test('missingKey error reports a missing map key, as docker inspect does on raw JSON', () => {
    const template = parseTemplate('{{.Foo}}');
    assert.strictEqual(template.execute(goMap({})), '<no value>');
    assert.throws(
      () => template.execute(goMap({}), { missingKey: 'error' }),
      (error: unknown) => error instanceof TemplateError && error.message === 'template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"',
    );
  });

  test('functions given at execution replace the parsed ones, as docker does for table headers', () => {
    const template = parseTemplate('{{upper .}}|{{json .}}');
    assert.strictEqual(template.execute('a<b'), 'A<B|"a<b"');
    assert.strictEqual(template.execute('a<b', { functions: dockerHeaderFunctions }), 'a<b|a<b');
  });

  test('an execution error carries what was printed before it', () => {
    try {
      parseTemplate('head {{.A}} {{.B}} tail').execute({ A: 'a' });
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof TemplateError);
      assert.strictEqual(error.partialOutput, 'head a ');
    }
  });

  test('a template can be executed many times; variables do not leak between runs', () => {
    const template = parseTemplate('{{$x := .}}{{$x}}');
    assert.strictEqual(template.execute(1), '1');
    assert.strictEqual(template.execute(2), '2');
  });

  test('runaway template recursion is a TemplateError with docker\'s message, not a stack overflow', () => {
    // Recorded from docker 28.2.2.
    assert.strictEqual(
      run('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}', 1),
      'error: template: :1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)',
    );
  });

  test('defined templates are listed', () => {
    assert.deepStrictEqual(parseTemplate('{{define "b"}}{{end}}{{block "a" .}}{{end}}').definedTemplates, ['a', 'b']);
  });
});

suite('GoTemplate: json', () => {
  test('json keeps <, > and & (SetEscapeHTML(false)) and escapes U+2028', () => {
    assert.strictEqual(run('{{json .}}', '<a&b>\u2028'), '"<a&b>\\u2028"');
  });

  test('json sorts map keys and keeps struct field order, skipping methods', () => {
    const data = { Z: 1, A: goMap({ y: 1, x: [1, 'a'] }), Method: () => 1 };
    assert.strictEqual(run('{{json .}}', data), '{"Z":1,"A":{"x":[1,"a"],"y":1}}');
  });

  test('json honours toJSON, the stand-in for MarshalJSON', () => {
    assert.strictEqual(run('{{json .}}', { toJSON: () => goMap({ b: 1, a: 2 }) }), '{"a":2,"b":1}');
  });

  test('goJson with escapeHTML encodes as json.Marshal does; GO_MARSHAL_JSON text is embedded as is', () => {
    assert.strictEqual(goJson({ A: '<a&b>' }, { escapeHTML: true }), '{"A":"\\u003ca\\u0026b\\u003e"}');
    assert.strictEqual(run('{{json .}}', [{ [GO_MARSHAL_JSON]: () => '{"raw":1}' }]), '[{"raw":1}]');
  });

  test('json of NaN fails like encoding/json', () => {
    assert.strictEqual(run('{{json .}}', Number.NaN), 'error: template: :1:2: executing "" at <json .>: error calling json: json: unsupported value: NaN');
  });
});
