import * as assert from 'node:assert/strict';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import type { OperationName } from '../../../src/engine/operations';
import type { ContainerSummary } from '../../../src/engine/types';
import { seededRandom } from '../../../src/engine/util/seededRandom';
import type { Check, LabView } from '../../../src/curriculum/checks';
import { EngineLabView, evaluateCheck, normalizeReference } from '../../../src/curriculum/checks';
import { loadCourse } from '../../../src/curriculum/course';
import { describeCheck } from '../../../src/curriculum/describe';
import { trackExercises } from '../../../src/curriculum/ExerciseTracker';
import { LessonError, parseLesson, resolveLessonLanguage } from '../../../src/curriculum/lesson';
import { renderLessonPage } from '../../../src/curriculum/lessonPage';
import { Progress } from '../../../src/curriculum/Progress';
import { renderInline, renderLessonMarkdown, runnableLines } from '../../../src/curriculum/render';
import { runLines } from '../../../src/curriculum/runLines';
import { UndoHistory } from '../../../src/curriculum/UndoHistory';

/** A container as `GET /containers/json` lists it, with only what the checks read. */
function summary(name: string, image: string, state: string, status: string, ports: ContainerSummary['Ports'] = [], imageId = `sha256:${image}`): ContainerSummary {
  return { Id: name, Names: [`/${name}`], Image: image, ImageID: imageId, State: state, Status: status, Ports: ports } as ContainerSummary;
}

/** A lab made of plain data, to test the checks one fact at a time. */
function fakeLab(overrides: Partial<{ containers: ContainerSummary[]; images: Record<string, string>; layers: Record<string, string[]>; logs: Record<string, string>; calls: OperationName[]; changes: Record<string, string[]> }> = {}): LabView {
  const images = overrides.images ?? { 'nginx:1.28.0': 'sha256:nginx:1.28.0' };
  return {
    containers: () => overrides.containers ?? [],
    imageId: (ref) => images[normalizeReference(ref)],
    imageLayers: (ref) => overrides.layers?.[normalizeReference(ref)] ?? [],
    logs: (name) => overrides.logs?.[name],
    kernelRelease: () => '6.8.0-79-generic',
    sawApiCall: (operation) => (overrides.calls ?? []).includes(operation),
    changes: (name) => overrides.changes?.[name],
  };
}

const web = summary('web', 'nginx:1.28.0', 'running', 'Up 3 seconds', [
  { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
  { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
]);

suite('curriculum: checks against the lab', () => {
  const lab = fakeLab({
    containers: [web, summary('hello', 'hello-world', 'exited', 'Exited (0) 2 seconds ago')],
    images: { 'nginx:1.28.0': 'sha256:nginx:1.28.0', 'myweb:v1': 'sha256:nginx:1.28.0', 'alpine:latest': 'sha256:a', 'nginx:alpine': 'sha256:b' },
    layers: { 'alpine:latest': ['l1'], 'nginx:alpine': ['l1', 'l2'], 'nginx:1.28.0': ['n1'] },
    logs: { web: '172.17.0.1 - - "GET / HTTP/1.1" 200 615\n', kernel: '6.8.0-79-generic\n' },
    calls: ['SystemVersion'],
    changes: { web: ['C /usr', 'C /usr/share/nginx/html/index.html', 'A /tmp/x', 'D /etc/nginx/conf.d/default.conf'] },
  });
  const cases: [string, Check, boolean][] = [
    ['a running web from nginx:1.28.0 publishing 8080:80', { container: { name: 'web', image: 'nginx:1.28.0', state: 'running', publish: ['8080:80'] } }, true],
    ['the image named as the learner typed it, fully qualified', { container: { name: 'web', image: 'docker.io/library/nginx:1.28.0' } }, true],
    ['the wrong port', { container: { name: 'web', publish: ['8081:80'] } }, false],
    ['the wrong protocol', { container: { name: 'web', publish: ['8080:80/udp'] } }, false],
    ['the wrong state', { container: { name: 'web', state: 'exited' } }, false],
    ['a name that only starts the same', { container: { name: 'we' } }, false],
    ['exit code 0', { container: { image: 'hello-world', exitCode: 0 } }, true],
    ['exit code 1', { container: { image: 'hello-world', exitCode: 1 } }, false],
    ['no container named db', { noContainer: { name: 'db' } }, true],
    ['no container named web', { noContainer: { name: 'web' } }, false],
    ['at least 2 containers', { containers: { min: 2 } }, true],
    ['at least 3 containers', { containers: { min: 3 } }, false],
    ['at most 0 running nginx', { containers: { image: 'nginx:1.28.0', state: 'running', max: 0, min: 0 } }, false],
    ['image present (tag defaults to latest)', { image: 'alpine' }, true],
    ['image absent', { noImage: 'redis' }, true],
    ['image not absent', { noImage: 'nginx:1.28.0' }, false],
    ['two names of one image', { sameImage: ['myweb:v1', 'nginx:1.28.0'] }, true],
    ['two different images', { sameImage: ['alpine', 'nginx:1.28.0'] }, false],
    ['a missing image is never "the same"', { sameImage: ['redis', 'postgres'] }, false],
    ['shared base layer', { sharedLayers: ['alpine:latest', 'nginx:alpine'] }, true],
    ['no shared layer', { sharedLayers: ['alpine:latest', 'nginx:1.28.0'] }, false],
    ['an access-log line', { logs: { container: 'web', contains: '"GET / HTTP/1.1" 200' } }, true],
    ['$kernel is the host kernel release', { logs: { container: 'kernel', contains: '$kernel' } }, true],
    ['logs of a missing container', { logs: { container: 'gone', contains: '' } }, false],
    ['an API call the daemon answered', { api: { operation: 'SystemVersion' } }, true],
    ['an API call it did not', { api: { operation: 'SystemInfo' } }, false],
    ['docker diff lists a changed file', { changed: { container: 'web', path: '/usr/share/nginx/html/index.html', kind: 'C' } }, true],
    ['docker diff lists a path of any kind', { changed: { container: 'web', path: '/tmp/x' } }, true],
    ['docker diff lists it, but as another kind', { changed: { container: 'web', path: '/tmp/x', kind: 'D' } }, false],
    ['a path only a prefix of one listed', { changed: { container: 'web', path: '/tmp' } }, false],
    ['docker diff of a missing container', { changed: { container: 'gone', path: '/tmp/x' } }, false],
  ];
  for (const [what, check, expected] of cases) {
    test(`${what}: ${expected ? 'holds' : 'does not hold'}`, () => assert.equal(evaluateCheck(check, lab), expected));
  }

  test('references normalise as docker does: default tag, docker.io and library/ dropped', () => {
    assert.equal(normalizeReference('nginx'), 'nginx:latest');
    assert.equal(normalizeReference('docker.io/library/nginx:1.28.0'), 'nginx:1.28.0');
    assert.equal(normalizeReference('localhost:5000/app'), 'localhost:5000/app:latest');
    assert.equal(normalizeReference('alpine@sha256:abc'), 'alpine@sha256:abc');
  });

  test('EngineLabView reads through observe (not reported as API calls) and counts only calls since reset', async () => {
    const clock = new ManualClock();
    const engine = new Engine({ clock, random: seededRandom(3), pullSecondsPerMegabyte: 0 });
    const view = new EngineLabView(engine);
    const reported: string[] = [];
    engine.onApiCall((call) => reported.push(call.operation));
    await clock.settle(runLines(engine, ['docker version', 'docker run -d -p 8080:80 --name web nginx:1.28.0']));
    assert.ok(view.sawApiCall('SystemVersion'));
    reported.length = 0;
    assert.ok(evaluateCheck({ container: { name: 'web', image: 'nginx', state: 'running', publish: ['8080:80'] } }, view) === false, 'nginx means nginx:latest, not 1.28.0');
    assert.ok(evaluateCheck({ container: { name: 'web', image: 'nginx:1.28.0', state: 'running', publish: ['8080:80'] } }, view));
    assert.ok(evaluateCheck({ sharedLayers: ['nginx:1.28.0', 'nginx:1.28.0'] }, view));
    assert.equal(view.logs('nope'), undefined);
    assert.deepEqual(reported, [], 'checking must not show up as API calls');
    view.reset();
    assert.ok(!view.sawApiCall('SystemVersion'));
    view.dispose();
  });
});

const LESSON = `---
id: demo
chapter: basics
title: Demo
summary: A demo.
setup:
  - docker pull hello-world
exercises:
  - id: first
    title: Run it
    goal: hello-world ran.
    hint: docker run
    solution: [docker run hello-world]
    checks:
      - container: { image: hello-world, exitCode: 0 }
  - id: second
    title: Remove it
    goal: It is gone.
    hint: docker rm
    solution: ["docker rm $(docker ps -aq)"]
    checks:
      - noContainer: { image: hello-world }
---
# Demo

Text with <script>alert(1)</script> in it.

\`\`\`sh
docker run hello-world
docker ps -a
\`\`\`

\`\`\`text
not runnable
\`\`\`
`;

suite('curriculum: lesson files', () => {
  test('front matter and Markdown become a lesson', () => {
    const lesson = parseLesson(LESSON, 'ko/01-demo.md', 'ko');
    assert.equal(lesson.id, 'demo');
    assert.deepEqual(lesson.setup, ['docker pull hello-world']);
    assert.deepEqual(lesson.exercises.map((e) => e.id), ['first', 'second']);
    assert.deepEqual(lesson.exercises[0].checks, [{ container: { image: 'hello-world', exitCode: 0 } }]);
    assert.ok(lesson.body.startsWith('# Demo'));
  });

  const broken: [string, string, RegExp][] = [
    ['no front matter', '# Just text', /no front matter/],
    ['bad YAML', '---\nid: [\n---\n', /not valid YAML/],
    ['missing title', '---\nid: x\nchapter: c\n---\n', /title is missing/],
    ['an id with capitals', '---\nid: Demo\nchapter: c\ntitle: t\n---\n', /not a lower-case id/],
    ['an unknown check', LESSON.replace('- noContainer: { image: hello-world }', '- running: web'), /unknown check "running"/],
    ['a check with two keys', LESSON.replace('- noContainer: { image: hello-world }', '- { image: a, noImage: b }'), /exactly one key/],
    ['a bad state', LESSON.replace('exitCode: 0', 'state: stopped'), /"stopped" is not one of/],
    ['a bad publish', LESSON.replace('exitCode: 0', 'publish: ["8080"]'), /not HOST:CONTAINER/],
    ['an unknown container fact', LESSON.replace('exitCode: 0', 'ports: 1'), /unknown field "ports"/],
    ['an unknown API operation', LESSON.replace('- noContainer: { image: hello-world }', '- api: { operation: Nope }'), /not an Engine API operation/],
    ['a diff letter docker does not print', LESSON.replace('- noContainer: { image: hello-world }', '- changed: { container: web, path: /tmp/x, kind: M }'), /changed\.kind: A, C or D/],
    ['an unknown diff field', LESSON.replace('- noContainer: { image: hello-world }', '- changed: { container: web, file: /tmp/x }'), /unknown field "file"/],
    ['no solution', LESSON.replace('solution: [docker run hello-world]', 'solution: []'), /needs a solution/],
    ['duplicate exercise ids', LESSON.replace('id: second', 'id: first'), /two exercises have the id "first"/],
  ];
  for (const [what, text, message] of broken) {
    test(`refused with its file and reason: ${what}`, () => {
      assert.throws(() => parseLesson(text, 'en/01-demo.md', 'en'), (error: unknown) =>
        error instanceof LessonError && error.message.startsWith('en/01-demo.md: ') && message.test(error.message));
    });
  }

  test('a course orders lessons by file name and chapters by chapters.yaml; unknown chapters are refused', () => {
    const second = LESSON.replace('id: demo', 'id: later').replace('chapter: basics', 'chapter: intro');
    const course = loadCourse('en', [
      { name: 'chapters.yaml', text: 'chapters:\n  - { id: intro, title: Intro }\n  - { id: basics, title: Basics }\n' },
      { name: '02-demo.md', text: LESSON },
      { name: '01-later.md', text: second },
    ]);
    assert.deepEqual(course.chapters.map((c) => c.id), ['intro', 'basics']);
    assert.deepEqual(course.lessons.map((l) => l.id), ['later', 'demo']);
    assert.throws(() => loadCourse('en', [{ name: 'chapters.yaml', text: 'chapters: []' }, { name: '01.md', text: LESSON }]), /chapter "basics" is not in/);
  });

  test('the lesson language: the setting wins, auto follows VS Code', () => {
    assert.equal(resolveLessonLanguage('ko', 'en'), 'ko');
    assert.equal(resolveLessonLanguage('en', 'ko'), 'en');
    assert.equal(resolveLessonLanguage('auto', 'ko'), 'ko');
    assert.equal(resolveLessonLanguage(undefined, 'ko-KR'), 'ko');
    assert.equal(resolveLessonLanguage('auto', 'de'), 'en');
  });
});

suite('curriculum: rendering', () => {
  test('sh blocks get Run and Copy; other blocks only Copy; raw HTML stays text', () => {
    const html = renderLessonMarkdown(parseLesson(LESSON, 'x', 'en').body, { run: 'Run in terminal', copy: 'Copy' });
    assert.equal((html.match(/data-action="run"/g) ?? []).length, 1);
    assert.equal((html.match(/data-action="copy"/g) ?? []).length, 2);
    assert.ok(!html.includes('<script>'), 'raw HTML must not become markup');
    assert.ok(html.includes('&lt;script&gt;'));
    assert.deepEqual(runnableLines(parseLesson(LESSON, 'x', 'en').body), ['docker run hello-world', 'docker ps -a']);
  });

  test('inline Markdown: code spans, no paragraph, HTML escaped', () => {
    assert.equal(renderInline('use `docker ps` <b>now</b>'), 'use <code>docker ps</code> &lt;b&gt;now&lt;/b&gt;');
  });

  test('the page: exercises in the lesson language, states applied, solution as a runnable block', () => {
    const lesson = parseLesson(LESSON, 'ko/01-demo.md', 'ko');
    const course = loadCourse('ko', [{ name: 'chapters.yaml', text: 'chapters: [{ id: basics, title: 기초 }]' }, { name: '01-demo.md', text: LESSON }]);
    const html = renderLessonPage(lesson, course, [{ id: 'first', status: 'passed', checks: [true] }, { id: 'second', status: 'active', checks: [false] }]);
    assert.match(html, /기초 · 레슨 1 \/ 1/);
    assert.match(html, /data-exercise="first" data-status="passed"/);
    assert.match(html, /data-exercise="second" data-status="active"/);
    assert.match(html, /<li data-check="0" class="holds">/);
    assert.match(html, /실습 1\. Run it/);
    assert.match(html, /<code class="language-sh">docker rm \$\(docker ps -aq\)<\/code>/);
  });

  test('goal lines read in both languages', () => {
    const check: Check = { container: { name: 'web', image: 'nginx:1.28.0', state: 'running', publish: ['8080:80'] } };
    assert.equal(describeCheck(check, 'en'), 'A container: name `web` · image `nginx:1.28.0` · state running · publishes `8080->80/tcp`');
    assert.equal(describeCheck(check, 'ko'), '컨테이너: 이름 `web` · 이미지 `nginx:1.28.0` · 상태 running · 포트 `8080->80/tcp`');
    assert.equal(describeCheck({ containers: { image: 'nginx', min: 3 } }, 'ko'), '컨테이너 개수 (3개 이상): 이미지 `nginx`');
    assert.equal(describeCheck({ api: { operation: 'SystemVersion' } }, 'en'), 'The daemon answered `GET /version`');
    assert.equal(describeCheck({ logs: { container: 'k', contains: '$kernel' } }, 'en'), 'The logs of `k` contain the host kernel release');
  });
});

suite('curriculum: progress and exercise tracking', () => {
  const lesson = parseLesson(LESSON, 'en/01-demo.md', 'en');

  test('exercises pass in order, one command can finish several, and a pass is kept', () => {
    const progress = new Progress();
    const when = new Date('2026-11-24T10:00:00Z');
    // Nothing yet: the first is active, the second locked.
    let result = trackExercises(lesson, fakeLab(), progress, when);
    assert.deepEqual(result.states.map((s) => s.status), ['active', 'locked']);
    assert.deepEqual(result.newlyPassed, []);
    // The second's check (no hello-world container) holds already, but it waits for the first.
    assert.deepEqual(result.states[1].checks, [true]);
    // hello-world ran: the first passes; the second is now active and does not hold.
    const ran = fakeLab({ containers: [summary('hi', 'hello-world', 'exited', 'Exited (0) 1 second ago')] });
    result = trackExercises(lesson, ran, progress, when);
    assert.deepEqual(result.newlyPassed, ['first']);
    assert.deepEqual(result.states.map((s) => s.status), ['passed', 'active']);
    // Removed: the second passes; the first stays passed although its container is gone.
    result = trackExercises(lesson, fakeLab(), progress, when);
    assert.deepEqual(result.newlyPassed, ['second']);
    assert.deepEqual(result.states.map((s) => s.status), ['passed', 'passed']);
    assert.deepEqual(progress.toJSON(), { version: 1, passed: { 'demo/first': when.toISOString(), 'demo/second': when.toISOString() } });
  });

  test('saved progress comes back; anything malformed starts empty', () => {
    const progress = new Progress({ version: 1, passed: { 'demo/first': '2026-01-01T00:00:00.000Z', bad: 3 }, current: 'demo' });
    assert.ok(progress.isPassed('demo', 'first'));
    assert.equal(progress.current, 'demo');
    assert.deepEqual(Object.keys(progress.toJSON().passed), ['demo/first']);
    for (const saved of [undefined, null, 'x', { version: 2, passed: {} }, { version: 1 }]) {
      assert.deepEqual(new Progress(saved).toJSON().passed, {});
    }
  });
});

suite('curriculum: Undo', () => {
  async function lab() {
    const clock = new ManualClock();
    const engine = new Engine({ clock, random: seededRandom(5), pullSecondsPerMegabyte: 0 });
    const undo = new UndoHistory(engine, 3);
    const run = async (line: string) => undo.around(line, () => clock.settle(runLines(engine, [line])));
    return { engine, undo, run };
  }
  const names = (engine: Engine) => engine.containerList({ all: true }).map((c) => c.Names[0]).sort();

  test('takes back the last command that changed the lab; commands that change nothing leave no entry', async () => {
    const { engine, undo, run } = await lab();
    await run('docker run -d --name web nginx:1.28.0');
    await run('docker run -d --name other nginx:1.28.0');
    await run('docker ps');
    assert.equal(undo.next, 'docker run -d --name other nginx:1.28.0');
    assert.equal(undo.undo(), 'docker run -d --name other nginx:1.28.0');
    assert.deepEqual(names(engine), ['/web']);
    assert.ok(engine.isContainerRunning('web'), 'a running container stays running after Undo');
    assert.equal(undo.undo(), 'docker run -d --name web nginx:1.28.0');
    assert.deepEqual(names(engine), []);
    assert.ok(!engine.hasImage('nginx:1.28.0'), 'the image the first run pulled goes with it');
  });

  test('keeps only the last N entries, and clear forgets them', async () => {
    const { undo, run } = await lab();
    for (const name of ['aa', 'bb', 'cc', 'dd']) await run(`docker create --name ${name} alpine`);
    let count = 0;
    while (undo.undo() !== undefined) count++;
    assert.equal(count, 3);
    await run('docker create --name ee alpine');
    undo.clear();
    assert.equal(undo.next, undefined);
  });
});
