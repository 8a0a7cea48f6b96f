import * as assert from 'node:assert';
import { TemplateError, goType } from '../../../src/cli/template/GoTemplate';
import { renderFormat } from '../../../src/cli/template/renderFormat';
import { contextListHeader, contextListRow, contextListTableFormat, dockerRecordedTables } from './dockerRecordedTables';

/** renderFormat's output, or `error: <message>\n` as docker prints a formatting error on stderr. */
function render(format: string, header: Record<string, string>, rows: object[], defaultTable: string, rowType?: string): string {
  try {
    return renderFormat(format, header, rows, defaultTable, { rowType });
  } catch (error) {
    if (error instanceof TemplateError) {
      return `error: ${error.message}`;
    }
    throw error;
  }
}

suite('renderFormat: byte-exact with docker 28.2.2 (docker context ls --format)', () => {
  // Each case protects one rule of docker's formatter: the table prefix, header
  // rendering with HeaderFunctions, escapes, trimming, json, errors, alignment.
  for (const [format, recorded] of dockerRecordedTables) {
    test(JSON.stringify(format), () => {
      const expected = 'output' in recorded ? recorded.output : `error: ${recorded.error}`;
      assert.strictEqual(render(format, { ...contextListHeader }, [contextListRow()], contextListTableFormat), expected);
    });
  }
});

/** formatter/container.go defaultContainerTableFormat and its header context. */
const psTable = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
const psHeader = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
};
const web = {
  ID: '4c01db0b339c',
  Image: 'nginx:1.28.0',
  Command: '"/docker-entrypoint.…"',
  RunningFor: '2 minutes ago',
  Status: 'Up 2 minutes',
  Ports: '0.0.0.0:80->80/tcp, [::]:80->80/tcp',
  Names: 'web',
  Label: (name: string) => (name === 'tier' ? 'front' : ''),
};
const idle = { ...web, ID: 'a1b2c3d4e5f6', Image: 'alpine', Command: '"sh"', Status: 'Exited (0) 5 seconds ago', Ports: '', Names: 'idle' };

suite('renderFormat: docker ps', () => {
  test('no containers: the header alone, as docker ps prints it', () => {
    assert.strictEqual(render('table', psHeader, [], psTable), 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  test('an empty format means the default table too', () => {
    assert.strictEqual(render('', psHeader, [], psTable), 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  test('rows are aligned under the header; an empty cell is padded like any other', () => {
    assert.strictEqual(
      render('table', psHeader, [web, idle], psTable),
      'CONTAINER ID   IMAGE          COMMAND                  CREATED         STATUS                     PORTS                                 NAMES\n' +
        '4c01db0b339c   nginx:1.28.0   "/docker-entrypoint.…"   2 minutes ago   Up 2 minutes               0.0.0.0:80->80/tcp, [::]:80->80/tcp   web\n' +
        'a1b2c3d4e5f6   alpine         "sh"                     2 minutes ago   Exited (0) 5 seconds ago                                         idle\n',
    );
  });

  test('a custom table with \\t escapes: header from the same template', () => {
    assert.strictEqual(render('table {{.Names}}\\t{{.Status}}', psHeader, [web], psTable), 'NAMES     STATUS\nweb       Up 2 minutes\n');
  });

  test('without the table prefix: no header, no alignment, one line per row', () => {
    assert.strictEqual(render('{{.Names}}\\t{{.Status}}', psHeader, [web, idle], psTable), 'web\tUp 2 minutes\nidle\tExited (0) 5 seconds ago\n');
    assert.strictEqual(render('{{.Names}}', psHeader, [], psTable), '');
  });

  test('a method with an argument: rows call it, the header shows the label name', () => {
    assert.strictEqual(render('table {{.Names}}\\t{{.Label "com.example.tier"}}', psHeader, [web], psTable), 'NAMES     tier\nweb       \n');
    assert.strictEqual(render('table {{.Label "tier"}}', psHeader, [web], psTable), 'tier\nfront\n');
  });

  test('the header\'s Label method wins over a "Label" column title, as Go looks up methods first', () => {
    assert.strictEqual(render('table {{.Label "tier"}}', { ...psHeader, Label: 'LABEL' }, [web], psTable), 'tier\nfront\n');
  });

  test('json: one object per row, keys sorted as docker marshals its contexts, methods with arguments left out', () => {
    assert.strictEqual(
      render('json', psHeader, [{ Names: 'web', ID: 'abc', Size: 0 }], psTable),
      '{"ID":"abc","Names":"web","Size":0}\n',
    );
    assert.strictEqual(render('{{json .}}', psHeader, [web], psTable).startsWith('{"Command":"\\"/docker-entrypoint.…\\"","ID":'), true);
    assert.ok(!render('json', psHeader, [web], psTable).includes('Label'));
  });

  test('a whole row in json goes through json.Marshal, which escapes <, > and &; a field through json does not', () => {
    // Recorded from docker 28.2.2: `docker context ls --format json` with a description of `<a&b>`.
    const row = { Description: '<a&b>' };
    assert.strictEqual(render('json', psHeader, [row], psTable), '{"Description":"\\u003ca\\u0026b\\u003e"}\n');
    assert.strictEqual(render('{{json .Description}}', psHeader, [row], psTable), '"<a&b>"\n');
  });

  test('a missing field fails with docker\'s message, naming the row type', () => {
    assert.strictEqual(
      render('{{.Foo}}', psHeader, [web], psTable, '*formatter.ContainerContext'),
      'error: template parsing error: template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext',
    );
  });

  test('a row that names its own type keeps it', () => {
    const row = goType({ ...web }, '*formatter.ContainerContext');
    assert.match(render('{{.Foo}}', psHeader, [row], psTable), /in type \*formatter\.ContainerContext$/);
  });

  test('a parse error is wrapped the way docker wraps it', () => {
    assert.strictEqual(render('{{.Names', psHeader, [web], psTable), 'error: template parsing error: template: :1: unclosed action');
  });

  test('with no rows a bad field is never evaluated on a row: the header shows <no value>', () => {
    assert.strictEqual(render('table {{.Foo}}', psHeader, [], psTable), '<no value>\n');
  });

  test('a header that fails keeps what it printed before the error, as docker ignores header errors', () => {
    assert.strictEqual(render('table {{.Names}} {{json .}}', psHeader, [], psTable), 'NAMES \n');
  });
});

suite('renderFormat: rows that are not formatter contexts', () => {
  test('rowJson fields encodes a row as the struct it is, fields in order', () => {
    const row = { Client: { Version: '28.2.2' }, Arch: 'amd64' };
    assert.strictEqual(renderFormat('json', {}, [row], '', { rowJson: 'fields' }), '{"Client":{"Version":"28.2.2"},"Arch":"amd64"}\n');
    assert.strictEqual(renderFormat('json', {}, [row], ''), '{"Arch":"amd64","Client":{"Version":"28.2.2"}}\n');
  });

  test('a header context without the field prints <no value> in the header, as docker does', () => {
    assert.strictEqual(renderFormat('table {{.Arch}}', {}, [{ Arch: 'amd64' }], ''), '<no value>\namd64\n');
  });
});

suite('renderFormat: docker images', () => {
  const imagesTable = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
  const imagesHeader = { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', Size: 'SIZE', Digest: 'DIGEST' };

  test('the header, as docker images prints it', () => {
    assert.strictEqual(render('table', imagesHeader, [], imagesTable), 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
  });

  test('columns are at least 10 wide, else as wide as their widest cell plus 3 spaces', () => {
    const row = { Repository: 'nginx', Tag: '1.28.0', ID: '2cd1d97f893f', CreatedSince: '2 weeks ago', Size: '192MB' };
    assert.strictEqual(
      render('table', imagesHeader, [row], imagesTable),
      'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\nnginx        1.28.0    2cd1d97f893f   2 weeks ago   192MB\n',
    );
  });
});
