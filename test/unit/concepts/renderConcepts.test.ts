import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConceptsSnapshot } from '../../../src/concepts/ConceptsSnapshot';
import { takeConceptsSnapshot } from '../../../src/concepts/takeConceptsSnapshot';
import {
  CONCEPT_LESSONS, edgesOf, renderArchitecture, renderComparisonTable, renderDesktop, renderVmVsContainer, type ConceptView,
} from '../../../src/concepts/renderConcepts';
import { escapeXml, truncate } from '../../../src/concepts/svg';
import { OPERATIONS } from '../../../src/engine/operations';
import { TestLab } from '../helpers/TestLab';

type Container = ConceptsSnapshot['containers'][number];

function snapshot(overrides: Partial<ConceptsSnapshot> = {}): ConceptsSnapshot {
  return { language: 'en', containers: [], images: [], pulling: [], kernel: '6.8.0-79-generic', hostOs: 'Ubuntu 24.04.3 LTS', calls: [], ...overrides };
}

function container(name: string, state = 'running', image = 'nginx:1.28.0'): Container {
  return { name, image, state };
}

const VIEWS = { vm: renderVmVsContainer, architecture: renderArchitecture, desktop: renderDesktop } as const;

// --- A tiny XML reader: enough to prove the markup well-formed and to look inside it. ---

const NAME = '[A-Za-z_][\\w:.-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}="[^"<>]*")*)\\s*(/?)>$`);
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

interface Element {
  name: string;
  attributes: Record<string, string>;
  /** Unescaped text directly and indirectly inside. */
  text: string;
  children: Element[];
  parent?: Element;
}

function unescape(text: string): string {
  return text.replace(ENTITY, (entity) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[entity] ?? entity);
}

/** Text must not hold a raw `<` or `>`, and every `&` must start an entity. */
function checkText(text: string, where: string): void {
  assert.ok(!/[<>]/.test(text), `raw < or > in ${where}: ${JSON.stringify(text)}`);
  assert.ok(!text.replace(ENTITY, '').includes('&'), `bare & in ${where}: ${JSON.stringify(text)}`);
}

/**
 * Parses `markup` as XML with a stack: every tag well-formed, closed in order,
 * attributes quoted, unique and escaped, one root. Returns the root element.
 */
function parseXml(markup: string): Element {
  const stack: Element[] = [];
  let root: Element | undefined;
  let position = 0;
  const tags = /<[^>]*>/g;
  for (let match = tags.exec(markup); match; match = tags.exec(markup)) {
    const between = markup.slice(position, match.index);
    checkText(between, `text before ${match[0]}`);
    if (stack.length) for (const open of stack) open.text += unescape(between);
    else assert.strictEqual(between.trim(), '', 'text outside the root element');
    position = match.index + match[0].length;
    const tag = TAG.exec(match[0]);
    assert.ok(tag, `malformed tag: ${match[0]}`);
    const [, closing, name, attributeText, selfClosing] = tag;
    if (closing) {
      assert.ok(!attributeText && !selfClosing, `malformed closing tag: ${match[0]}`);
      const open = stack.pop();
      assert.strictEqual(open?.name, name, `</${name}> closes <${open?.name}>`);
      continue;
    }
    assert.ok(!root || stack.length, `a second root element: ${match[0]}`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(new RegExp(`(${NAME})="([^"]*)"`, 'g'))) {
      assert.ok(!(key in attributes), `duplicate attribute ${key} in ${match[0]}`);
      checkText(value, `attribute ${key}`);
      attributes[key] = unescape(value);
    }
    const element: Element = { name, attributes, text: '', children: [], parent: stack[stack.length - 1] };
    element.parent?.children.push(element);
    root ??= element;
    if (!selfClosing) stack.push(element);
  }
  assert.strictEqual(stack.length, 0, `unclosed: ${stack.map((e) => e.name).join(', ')}`);
  assert.strictEqual(markup.slice(position).trim(), '', 'text after the root element');
  assert.ok(root, 'no element');
  return root;
}

function all(element: Element, predicate: (e: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  const visit = (e: Element) => {
    if (predicate(e)) found.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return found;
}

const hasClass = (name: string) => (e: Element) => (e.attributes.class ?? '').split(' ').includes(name);

/** The texts a reader sees in the picture (unescaped). */
function texts(svg: string): string[] {
  return all(parseXml(svg), (e) => e.name === 'text').map((e) => e.text);
}

/** The `<rect>`s with all of `classes`. */
function rects(svg: string, ...classes: string[]): Element[] {
  return all(parseXml(svg), (e) => e.name === 'rect' && classes.every((c) => hasClass(c)(e)));
}

/** The accessible names of the groups drawn. */
function labels(svg: string): string[] {
  return all(parseXml(svg), (e) => e.name === 'g' && 'aria-label' in e.attributes).map((e) => e.attributes['aria-label']);
}

/** The lesson ids lessons/en/*.md declare in their front matter. */
function lessonIds(): string[] {
  const dir = path.join(path.resolve(__dirname, '../../../..'), 'lessons', 'en');
  return fs.readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => {
    const id = /^id:\s*(\S+)/m.exec(fs.readFileSync(path.join(dir, name), 'utf8'));
    assert.ok(id, `${name} has an id`);
    return id[1];
  });
}

const busy = (language: 'en' | 'ko') => snapshot({
  language,
  containers: [container('web'), container('db', 'paused', 'postgres:17'), container('old', 'exited'), container('later', 'created', 'alpine:latest')],
  images: [{ reference: 'nginx:1.28.0', size: 187_654_321 }, { reference: 'alpine:latest', size: 8_310_000 }],
  pulling: ['redis:8'],
  calls: [{ operation: 'ContainerCreate', method: 'POST', path: '/containers/create', status: 201 }],
});

const thirty = snapshot({ containers: Array.from({ length: 30 }, (_, i) => container(`app-${String(30 - i).padStart(2, '0')}`)) });

suite('concepts: the XML checker the drawing tests rely on', () => {
  test('accepts nested, self-closed and escaped markup, and rejects what is not XML', () => {
    parseXml('<svg a="1"><g b="&amp;&lt;"><rect/><text>x &amp; y</text></g></svg>');
    for (const bad of ['<a><b></a></b>', '<a>&</a>', '<a x="<"/>', '<a>1 < 2</a>', '<a x=1/>', '<a/><b/>', '<a x="1" x="2"/>', '<a>', '<a></a>trailing']) {
      assert.throws(() => parseXml(bad), `${bad} is not well-formed`);
    }
  });
});

suite('concepts: virtual machines vs containers', () => {
  test('an empty lab: a dashed empty slot with the docker run hint on both sides, no app, no guest OS', () => {
    const view = renderVmVsContainer(snapshot());
    assert.strictEqual(rects(view.svg, 'box', 'empty').length, 2);
    assert.strictEqual(rects(view.svg, 'app').length, 0);
    assert.strictEqual(rects(view.svg, 'guest').length, 0);
    assert.strictEqual(texts(view.svg).filter((t) => t === 'docker run -d nginx:1.28.0').length, 2);
    assert.ok(view.outline.some((line) => line.includes('Run a container: docker run -d nginx:1.28.0')), view.outline.join('\n'));
    assert.ok(!view.outline.some((line) => line.includes('stopped')), 'no caption about stopped containers');
  });

  test('running containers: an app box on each side, one guest OS per app on the VM side, the one kernel drawn once', () => {
    // The snapshot lists the newest first; the drawing puts the first one run on the left.
    const view = renderVmVsContainer(snapshot({ containers: [container('cache', 'running', 'redis:8'), container('api', 'running', 'node:22'), container('web')] }));
    assert.strictEqual(rects(view.svg, 'box', 'app').length, 6);
    assert.strictEqual(rects(view.svg, 'box', 'guest').length, 3);
    assert.strictEqual(rects(view.svg, 'vm').length, 3, 'each VM has its own outline');
    assert.strictEqual(rects(view.svg, 'box', 'hypervisor').length, 1);
    assert.strictEqual(rects(view.svg, 'box', 'engine').length, 1);
    const order = all(parseXml(view.svg), (e) => 'data-container' in e.attributes).map((e) => e.attributes['data-container']);
    assert.deepStrictEqual(order, ['web', 'api', 'cache', 'web', 'api', 'cache']);
    assert.strictEqual(texts(view.svg).filter((t) => t.includes('6.8.0-79-generic')).length, 1, 'one kernel, shared');
    assert.ok(texts(view.svg).includes('redis:8'));
    for (const [name, image] of [['web', 'nginx:1.28.0'], ['api', 'node:22'], ['cache', 'redis:8']]) {
      assert.ok(view.outline.includes(`Container ${name} (${image}) on the shared kernel 6.8.0-79-generic`), view.outline.join('\n'));
      assert.ok(view.outline.some((line) => line.startsWith(`Virtual machine for ${name} (${image})`)), view.outline.join('\n'));
    }
  });

  test('stopped containers are not drawn as apps, only counted in a caption', () => {
    const view = renderVmVsContainer(snapshot({ containers: [container('web'), container('old', 'exited'), container('later', 'created'), container('gone', 'dead')] }));
    assert.strictEqual(rects(view.svg, 'box', 'app').length, 2);
    for (const name of ['old', 'later', 'gone']) assert.ok(!labels(view.svg).some((label) => label.includes(name)), `${name} is not drawn`);
    const caption = '3 stopped containers are not drawn (docker ps -a lists them)';
    assert.ok(texts(view.svg).includes(caption));
    assert.ok(view.outline.includes(caption));
    const one = renderVmVsContainer(snapshot({ containers: [container('old', 'exited')] }));
    assert.ok(texts(one.svg).includes('1 stopped container is not drawn (docker ps -a lists it)'));
    assert.strictEqual(rects(one.svg, 'box', 'empty').length, 2, 'with nothing running the empty slot shows');
  });

  test('a paused container is drawn, marked paused in class, text and name', () => {
    const view = renderVmVsContainer(snapshot({ containers: [container('db', 'paused', 'postgres:17')] }));
    const paused = rects(view.svg, 'box', 'app', 'paused');
    assert.strictEqual(paused.length, 2);
    assert.ok(texts(view.svg).includes('paused'));
    assert.ok(view.outline.includes('Container db (postgres:17) on the shared kernel 6.8.0-79-generic, paused'), view.outline.join('\n'));
    const group = paused[1].parent!;
    assert.match(all(group, (e) => e.name === 'title')[0].text, /docker unpause/);
  });

  test('a pull in progress is a note on the Docker Engine layer', () => {
    const view = renderVmVsContainer(snapshot({ pulling: ['nginx:1.28.0'] }));
    const notes = all(parseXml(view.svg), (e) => e.name === 'text' && hasClass('pulling')(e));
    assert.deepStrictEqual(notes.map((e) => e.text), ['pulling nginx:1.28.0…']);
    const engine = rects(view.svg, 'box', 'engine')[0].attributes;
    const noteY = Number(notes[0].attributes.y);
    assert.ok(noteY > Number(engine.y) && noteY < Number(engine.y) + Number(engine.height), 'the note sits on the engine layer');
    assert.ok(view.outline.includes('Docker Engine is pulling nginx:1.28.0'));
    const two = renderVmVsContainer(snapshot({ pulling: ['nginx:1.28.0', 'redis:8'] }));
    assert.ok(texts(two.svg).includes('pulling nginx:1.28.0… (+1)'));
    assert.ok(two.outline.includes('Docker Engine is pulling nginx:1.28.0, redis:8'));
    assert.ok(!texts(renderVmVsContainer(snapshot()).svg).some((t) => t.startsWith('pulling')), 'no note without a pull');
  });

  test('30 running containers: 7 drawn on each side and a "+23 more" box, no wider than three; the outline names all 30', () => {
    const view = renderVmVsContainer(thirty);
    assert.strictEqual(rects(view.svg, 'box', 'app').length, 14);
    assert.strictEqual(rects(view.svg, 'box', 'more').length, 2);
    assert.strictEqual(texts(view.svg).filter((t) => t === '+23 more').length, 2);
    // The newest are kept: app-30 (just run) is drawn, app-01 is folded into "+23 more".
    assert.ok(labels(view.svg).some((label) => label.startsWith('Container app-30 ')));
    assert.ok(!labels(view.svg).some((label) => label.startsWith('Container app-01 ')));
    for (let i = 1; i <= 30; i++) {
      const name = `app-${String(i).padStart(2, '0')}`;
      assert.ok(view.outline.some((line) => line.includes(name)), `${name} is in the outline`);
    }
    const three = renderVmVsContainer(snapshot({ containers: thirty.containers.slice(0, 3) }));
    assert.strictEqual(viewBox(view.svg)[0], viewBox(three.svg)[0], 'as wide as three containers: the rest go in rows');
  });

  test('a long name is shortened to 18 characters with an ellipsis in the picture, whole in the label and outline', () => {
    const name = 'a-really-long-container-name-for-testing';
    const view = renderVmVsContainer(snapshot({ containers: [container(name)] }));
    assert.ok(texts(view.svg).includes('a-really-long-con…'));
    assert.ok(!texts(view.svg).includes(name));
    assert.ok(labels(view.svg).some((label) => label.includes(name)));
    assert.ok(view.outline.some((line) => line.includes(name)));
    assert.strictEqual(truncate('컨테이너이름이아주아주아주아주길어요요요', 18), '컨테이너이름이아주아주아주아주길어…', 'Hangul is cut by character');
  });
});

suite('concepts: learner names are escaped everywhere', () => {
  const hostile = `<script>&"'`;
  const lab = snapshot({
    containers: [container(hostile, 'running', `evil:<b>&"'`), container(`${hostile}-old`, 'exited')],
    images: [{ reference: `evil:<b>&"'`, size: 1000 }],
    pulling: [`<img src=x>`],
    calls: [{ operation: 'ContainerStart', method: 'POST', path: `/containers/${hostile}/start`, status: 204 }],
  });

  for (const [name, render] of Object.entries(VIEWS)) {
    test(`${name}: no raw <script, the name escaped, the markup well-formed`, () => {
      const view = render(lab);
      assert.ok(!view.svg.includes('<script'), view.svg);
      assert.ok(!view.svg.includes('<img') && !view.svg.includes('<b>'));
      parseXml(view.svg);
      if (name !== 'architecture') {
        assert.ok(view.svg.includes(escapeXml(hostile)), 'the name is drawn, escaped');
        assert.ok(labels(view.svg).some((label) => label.includes(hostile)), 'and named, unescaped once parsed');
        // The outline is plain text (the page sets it with textContent): the name as it is.
        assert.ok(view.outline.some((line) => line.includes(hostile)));
      }
    });
  }

  test('architecture: the last call path with the name is escaped in the daemon box', () => {
    const svg = renderArchitecture(lab).svg;
    assert.ok(svg.includes('aria-label="dockerd (daemon), last request POST /containers/&lt;script&gt;&amp;&quot;&apos;/start"'), svg);
    assert.ok(texts(svg).includes('last: POST /containers/<script>…'), 'shortened in the picture, escaped in the markup');
  });

  test('the comparison table escapes image references', () => {
    const table = renderComparisonTable(lab);
    assert.ok(!table.includes('<b>'));
    assert.ok(table.includes('<code>evil:&lt;b&gt;&amp;&quot;&apos;</code> 1kB'), table);
    parseXml(table);
  });

  test('escapeXml covers the five XML specials', () => {
    assert.strictEqual(escapeXml(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });
});

suite('concepts: the architecture', () => {
  test('five edges, lines with class edge and their data-edge names', () => {
    const root = parseXml(renderArchitecture(snapshot()).svg);
    const edges = all(root, (e) => 'data-edge' in e.attributes);
    assert.deepStrictEqual(edges.map((e) => e.attributes['data-edge']).sort(), ['api-daemon', 'cli-api', 'daemon-containers', 'daemon-images', 'daemon-registry']);
    for (const edge of edges) {
      assert.ok(edge.name === 'line' || edge.name === 'path', edge.name);
      assert.ok(hasClass('edge')(edge));
    }
  });

  test('the boxes, counts from the snapshot and the last call on the daemon', () => {
    const view = renderArchitecture(busy('en'));
    const shown = texts(view.svg);
    for (const word of ['docker CLI', 'REST API', '/var/run/docker.sock', 'dockerd (daemon)', 'Images', 'Containers', 'Registry', '(Docker Hub)']) {
      assert.ok(shown.includes(word), `${word} in ${shown.join(' | ')}`);
    }
    assert.ok(shown.includes('2 images'));
    assert.ok(shown.includes('2 running · 4 in all'), 'running counts the paused one, as docker ps does');
    assert.ok(shown.includes('last: POST /containers/create'));
    assert.ok(view.outline.includes('dockerd (daemon), last request POST /containers/create'));
    assert.ok(view.outline.includes('Pulling redis:8 from the registry'));
    assert.ok(texts(renderArchitecture(snapshot()).svg).includes('waiting for requests'));
    assert.ok(texts(renderArchitecture(snapshot({ images: [{ reference: 'alpine:latest', size: 1 }] })).svg).includes('1 image'));
  });
});

suite('concepts: the edges an API call travels', () => {
  const cases: [string, string[]][] = [
    ['ContainerCreate', ['cli-api', 'api-daemon', 'daemon-containers']],
    ['ContainerStart', ['cli-api', 'api-daemon', 'daemon-containers']],
    ['ImageCreate', ['cli-api', 'api-daemon', 'daemon-registry', 'daemon-images']],
    ['ImageList', ['cli-api', 'api-daemon', 'daemon-images']],
    ['ImageDelete', ['cli-api', 'api-daemon', 'daemon-images']],
    ['SystemVersion', ['cli-api', 'api-daemon']],
    ['SystemPing', ['cli-api', 'api-daemon']],
    ['SomethingNew', ['cli-api', 'api-daemon']],
  ];
  for (const [operation, edges] of cases) {
    test(`${operation} → ${edges.join(', ')}`, () => assert.deepStrictEqual(edgesOf(operation), edges));
  }

  test('every engine operation lights only edges the architecture draws', () => {
    const drawn = new Set(all(parseXml(renderArchitecture(snapshot()).svg), (e) => 'data-edge' in e.attributes).map((e) => e.attributes['data-edge']));
    for (const operation of Object.keys(OPERATIONS)) {
      for (const edge of edgesOf(operation)) assert.ok(drawn.has(edge), `${operation}: ${edge}`);
    }
  });
});

suite('concepts: Docker Desktop', () => {
  test('the CLI on the host, a forwarded socket, the Linux VM with dockerd, the running containers and its kernel', () => {
    const view = renderDesktop(busy('en'));
    const root = parseXml(view.svg);
    assert.deepStrictEqual(all(root, (e) => 'data-edge' in e.attributes).map((e) => e.attributes['data-edge']), ['cli-socket', 'socket-daemon']);
    const shown = texts(view.svg).join(' | ');
    for (const word of ['macOS / Windows (host)', 'docker CLI', 'Forwarded socket', 'Linux VM', 'LinuxKit on macOS · WSL 2 on Windows', 'dockerd (daemon)', "Linux kernel (the VM's)"]) {
      assert.ok(shown.includes(word), `${word} in ${shown}`);
    }
    const inside = all(root, (e) => 'data-container' in e.attributes).map((e) => e.attributes['data-container']);
    assert.deepStrictEqual(inside, ['db', 'web'], 'running and paused containers, not the stopped ones');
    assert.strictEqual(rects(view.svg, 'box', 'app', 'paused').length, 1);
    const vm = rects(view.svg, 'box', 'vm')[0].attributes;
    for (const app of rects(view.svg, 'box', 'app')) {
      assert.ok(Number(app.attributes.y) > Number(vm.y) && Number(app.attributes.y) + Number(app.attributes.height) < Number(vm.y) + Number(vm.height), 'inside the VM');
    }
    assert.ok(view.outline.some((line) => line.includes('6.8.0-79-generic')), 'the lab stands in for the VM');
  });

  test('an empty VM shows the hint; 30 containers are capped like the other view', () => {
    assert.strictEqual(rects(renderDesktop(snapshot()).svg, 'box', 'empty').length, 1);
    const many = renderDesktop(thirty);
    assert.strictEqual(rects(many.svg, 'box', 'app').length, 7);
    assert.ok(texts(many.svg).includes('+23 more'));
  });
});

suite('concepts: the comparison table', () => {
  test('eight rows; the learner\'s images with sizes as docker images prints them; typical figures labelled', () => {
    const table = renderComparisonTable(snapshot({
      images: [
        { reference: 'nginx:1.28.0', size: 187_654_321 }, { reference: 'alpine:latest', size: 8_310_000 },
        { reference: 'tiny:1', size: 13_300 }, { reference: 'big:1', size: 1_234_567_890 },
      ],
    }));
    const root = parseXml(table);
    assert.strictEqual(root.name, 'table');
    const rows = all(root, (e) => e.name === 'th' && e.attributes.scope === 'row').map((e) => e.text);
    assert.deepStrictEqual(rows, ['Size', 'Start time', 'Resource use', 'Isolation', 'Portability', 'Operating system', 'Speed', 'Maintenance']);
    for (const size of ['nginx:1.28.0</code> 188MB', 'alpine:latest</code> 8.31MB', 'tiny:1</code> 13.3kB', 'big:1</code> 1.23GB']) assert.ok(table.includes(size), size);
    const typical = all(root, hasClass('typical'));
    assert.strictEqual(typical.length, 4, 'size and start time, both columns');
    assert.ok(typical.every((e) => e.text === 'typical:'));
    assert.match(table, /several GB, e\.g\. an Ubuntu Server VM disk 2–10 GB/);
    assert.match(table, /tens of seconds to minutes/);
    assert.match(table, /6\.8\.0-79-generic/, 'the OS row names the shared kernel');
  });

  test('no images yet: a pull hint instead of a list; Korean labels its figures 일반적', () => {
    const empty = renderComparisonTable(snapshot());
    assert.match(empty, /No images yet: docker pull nginx:1\.28\.0/);
    assert.ok(!empty.includes('<ul'));
    const korean = renderComparisonTable(snapshot({ language: 'ko', images: [{ reference: 'nginx:1.28.0', size: 187_654_321 }] }));
    assert.match(korean, /일반적/);
    assert.match(korean, /<th scope="row">크기<\/th>/);
    assert.ok(korean.includes('nginx:1.28.0</code> 188MB'));
    assert.ok(!/typical|Size|Start time|Containers|Virtual/.test(parseXml(korean).text), 'no English left in what a reader sees');
  });

  test('the size shown is the one `docker images` prints for the lab\'s nginx image', async () => {
    const lab = new TestLab();
    await lab.ok('pull', 'nginx:1.28.0');
    const listed = (await lab.ok('images', '--format', '{{.Repository}}:{{.Tag}} {{.Size}}')).trim();
    const table = renderComparisonTable(takeConceptsSnapshot(lab.engine, [], 'en'));
    const [reference, size] = listed.split(' ');
    assert.ok(table.includes(`<code>${reference}</code> ${size}`), `${listed} in ${table}`);
  });
});

suite('concepts: languages', () => {
  test('English and Korean pictures use their own words; Docker terms stay as Docker spells them', () => {
    const en = Object.values(VIEWS).map((render) => texts(render(busy('en')).svg).join(' | ')).join(' | ');
    const ko = Object.values(VIEWS).map((render) => texts(render(busy('ko')).svg).join(' | ')).join(' | ');
    for (const word of ['Hypervisor', 'Guest OS + kernel', 'Containers', 'Registry', 'paused', 'pulling redis:8…', 'Bins/Libs']) assert.ok(en.includes(word), word);
    for (const word of ['하이퍼바이저', '게스트 OS + 커널', '컨테이너', '레지스트리', '이미지', 'dockerd (데몬)', '일시 정지됨', 'redis:8 내려받는 중…', '리눅스 VM', '공유 커널 6.8.0-79-generic']) {
      assert.ok(ko.includes(word), word);
    }
    for (const word of ['Docker Engine (dockerd)', 'docker CLI']) assert.ok(ko.includes(word), `${word} stays English`);
    for (const word of ['Hypervisor', 'Guest OS', 'Infrastructure', 'Images', 'Registry', 'stopped', 'paused', 'pulling', 'running', 'Forwarded']) {
      assert.ok(!ko.includes(word), `no "${word}" in Korean`);
    }
    const outline = renderVmVsContainer(busy('ko')).outline;
    assert.ok(outline.includes('공유 커널 6.8.0-79-generic 위의 컨테이너 web (nginx:1.28.0)'), outline.join('\n'));
    assert.ok(outline.includes('중지된 컨테이너 2개는 그리지 않았습니다 (docker ps -a로 볼 수 있습니다).'));
    assert.match(renderVmVsContainer(busy('ko')).svg, /aria-label="가상 머신과 컨테이너/);
  });
});

/** [width, height] of the viewBox. */
function viewBox(svg: string): [number, number] {
  const match = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 ([\d.]+) ([\d.]+)" role="group" aria-label="[^"]+">/.exec(svg);
  assert.ok(match, `the svg element: ${svg.slice(0, 160)}`);
  return [Number(match[1]), Number(match[2])];
}

suite('concepts: SVG rules and accessibility', () => {
  const lessons = lessonIds();
  const snapshots: [string, ConceptsSnapshot][] = [['empty', snapshot()], ['busy en', busy('en')], ['busy ko', busy('ko')], ['thirty', thirty]];

  test('the lesson ids the drawings may name are the course\'s', () => {
    assert.deepStrictEqual([...CONCEPT_LESSONS].sort(), [...lessons].sort());
  });

  for (const [name, lab] of snapshots) {
    for (const [view, render] of Object.entries(VIEWS)) {
      test(`${view}, ${name}: self-contained, class-styled, every box inside the viewBox`, () => {
        const { svg }: ConceptView = render(lab);
        const [width, height] = viewBox(svg);
        const root = parseXml(svg);
        for (const forbidden of [/\sstyle=/, /<style/, /<script/, /\s(fill|stroke|font-family|font-size|color)=/, /href=/, /<image/, /<foreignObject/, /@import/]) {
          assert.ok(!forbidden.test(svg), `${forbidden} in ${view}`);
        }
        assert.ok(!svg.replace('xmlns="http://www.w3.org/2000/svg"', '').includes('http'), 'no external reference');
        for (const rect of all(root, (e) => e.name === 'rect')) {
          const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((key) => Number(rect.attributes[key]));
          assert.ok(x >= 0 && y >= 0 && x + w <= width && y + h <= height, `rect ${JSON.stringify(rect.attributes)} outside 0 0 ${width} ${height}`);
          assert.ok(rect.attributes.class, 'every rect has a class for the stylesheet');
        }
        for (const text of all(root, (e) => e.name === 'text')) {
          const [x, y] = [Number(text.attributes.x), Number(text.attributes.y)];
          assert.ok(x >= 0 && x <= width && y >= 0 && y <= height, `text "${text.text}" at ${x},${y}`);
        }
        assert.strictEqual(render(lab).svg, svg, 'the same snapshot draws the same markup');
      });

      test(`${view}, ${name}: every box is named; every interactive one is a focusable button with a tooltip and a real lesson`, () => {
        const root = parseXml(render(lab).svg);
        const groups = all(root, (e) => e.name === 'g' && 'aria-label' in e.attributes);
        assert.ok(groups.length > 0);
        for (const rect of all(root, (e) => e.name === 'rect' && hasClass('box')(e))) {
          assert.ok(rect.parent && groups.includes(rect.parent), `rect ${rect.attributes.class} sits in a named group`);
        }
        const interactive = groups.filter((g) => 'tabindex' in g.attributes);
        assert.ok(interactive.length >= 5, `${interactive.length} interactive boxes`);
        for (const group of groups) {
          const label = group.attributes['aria-label'];
          assert.ok(label.trim(), 'a non-empty aria-label');
          assert.strictEqual(group.children[0]?.name, 'title', `${label}: <title> comes first`);
          assert.ok(group.children[0].text.trim(), `${label}: the tooltip says something`);
          if ('tabindex' in group.attributes) {
            assert.strictEqual(group.attributes.tabindex, '0');
            assert.strictEqual(group.attributes.role, 'button');
            assert.strictEqual(group.attributes.focusable, 'true');
            assert.ok(lessons.includes(group.attributes['data-lesson']), `${label}: lesson ${group.attributes['data-lesson']}`);
          } else {
            assert.strictEqual(group.attributes.role, 'img', `${label}: a non-interactive box is an image`);
            assert.ok(!('data-lesson' in group.attributes));
          }
        }
        // The page puts focus back on the box with the same name after a redraw.
        const names = groups.map((g) => g.attributes['aria-label']);
        assert.strictEqual(new Set(names).size, names.length, `duplicate names: ${names.filter((n, i) => names.indexOf(n) !== i).join(', ')}`);
      });
    }
  }

  test('the names in the three drawings do not collide (focus comes back to the right one)', () => {
    const names = Object.values(VIEWS).flatMap((render) => labels(render(busy('en')).svg));
    assert.strictEqual(new Set(names).size, names.length, names.filter((n, i) => names.indexOf(n) !== i).join(', '));
  });

  test('the two drawings with arrows use different marker ids (all three share one page)', () => {
    const ids = [renderArchitecture(snapshot()).svg, renderDesktop(snapshot()).svg].map((svg) => all(parseXml(svg), (e) => e.name === 'marker')[0].attributes.id);
    assert.notStrictEqual(ids[0], ids[1]);
  });

  test('outline: one line per thing drawn, mentioning each running container', () => {
    for (const [view, render] of Object.entries(VIEWS)) {
      const { svg, outline } = render(busy('en'));
      assert.ok(outline.every((line) => line.trim() && !line.includes('\n')), view);
      // A VM's guest OS, Bins/Libs and app are one outline line; everything else is its own.
      for (const label of labels(svg).filter((l) => !/^(App |Bins\/Libs|Guest OS)/.test(l))) {
        assert.ok(outline.some((line) => line.includes(label)), `${view}: "${label}" in the outline`);
      }
      if (view !== 'architecture') for (const name of ['web', 'db']) assert.ok(outline.some((line) => line.includes(` ${name} (`)), `${view}: ${name}`);
    }
  });
});
