import * as assert from 'node:assert';
import { Engine } from '../../../src/engine/Engine';
import type { ContainerSummary, ImageSummary } from '../../../src/engine/types';
import {
  containerContextValue, containerDescription, containerLook, containerName, containerTooltip, escapeMarkdown,
  groupImages, imageDescription, layerDescription, layerInstruction, layerShortId, layerTooltip, suggestRunCommand,
} from '../../../src/views/presentation';
import { TestLab } from '../helpers/TestLab';

const LABELS = { image: 'Image', command: 'Command', status: 'Status', ports: 'Ports', created: 'Created' };

function image(id: string, tags: string[], created = 1_700_000_000, size = 192_000_000): ImageSummary {
  return { Id: `sha256:${id.padEnd(64, '0')}`, ParentId: '', RepoTags: tags, RepoDigests: [], Created: created, Size: size, SharedSize: -1, Labels: null, Containers: -1 };
}

suite('views: containers as the sidebar shows them', () => {
  test('a running nginx: name without slash, image and status, state in the context value, ports in the tooltip', async () => {
    const lab = new TestLab();
    await lab.ok('run', '-d', '--name', 'web', '-p', '8080:80', 'nginx:1.28.0');
    await lab.clock.advance(5 * 60_000);
    const [web] = lab.engine.containerList({ all: true });
    assert.strictEqual(containerName(web), 'web');
    assert.strictEqual(containerDescription(web), 'nginx:1.28.0 · Up 5 minutes');
    assert.strictEqual(containerContextValue(web), 'container:running');
    const tooltip = containerTooltip(web, LABELS, lab.clock.now());
    assert.ok(tooltip.startsWith(`**web** \`${web.Id.slice(0, 12)}\`\n\n`), tooltip);
    assert.ok(tooltip.includes('| Ports | `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp` |'), tooltip);
    assert.ok(tooltip.includes('| Command | `/docker-entrypoint.sh nginx -g \'daemon off;\'` |'), tooltip);
    assert.ok(tooltip.includes('| Created | 5 minutes ago |'), tooltip);
  });

  test('an exited container says so, and its tooltip has no Ports row', async () => {
    const lab = new TestLab();
    await lab.docker('run', '--name', 'hello', 'hello-world');
    const [hello] = lab.engine.containerList({ all: true });
    assert.match(containerDescription(hello), /^hello-world · Exited \(0\) /);
    assert.strictEqual(containerContextValue(hello), 'container:exited');
    assert.ok(!containerTooltip(hello, LABELS, lab.clock.now()).includes('| Ports |'));
  });

  const looks: [string, string][] = [
    ['running', 'running'], ['paused', 'paused'], ['restarting', 'restarting'],
    ['exited', 'stopped'], ['created', 'stopped'], ['dead', 'stopped'], ['removing', 'stopped'],
  ];
  for (const [state, look] of looks) {
    test(`state ${state} is drawn as ${look}`, () => assert.strictEqual(containerLook(state), look));
  }

  test('Markdown in names and commands is shown as typed, not interpreted', () => {
    assert.strictEqual(escapeMarkdown('a_b*c [x](y) | <b>'), 'a\\_b\\*c \\[x\\]\\(y\\) \\| \\<b\\>');
    const container = { Id: 'f'.repeat(64), Names: ['/my_app'], Image: 'busybox', Command: 'sh -c \'echo `id` | cat\'', Created: 0, Ports: [], State: 'exited', Status: 'Exited (0) 1 second ago' } as unknown as ContainerSummary;
    const tooltip = containerTooltip(container, LABELS, 1000);
    assert.ok(tooltip.startsWith('**my\\_app**'), tooltip);
    // A backtick inside needs a longer fence; the pipe must not end the table cell.
    assert.ok(tooltip.includes('| Command | ``sh -c \'echo `id` \\| cat\'`` |'), tooltip);
  });
});

suite('views: images and layers', () => {
  test('images group by repository, sorted, <none> last; an image with two tags shows under both', () => {
    const groups = groupImages([
      image('b', ['nginx:1.28.0', 'web:v1'], 200),
      image('a', ['alpine:3.21']),
      image('c', ['<none>:<none>']),
      image('d', ['nginx:latest'], 300),
    ]);
    assert.deepStrictEqual(groups.map((g) => [g.repository, g.tags.map((t) => t.reference)]), [
      ['alpine', ['alpine:3.21']],
      ['nginx', ['nginx:latest', 'nginx:1.28.0']],
      ['web', ['web:v1']],
      ['<none>', ['c00000000000']],
    ]);
    assert.strictEqual(groups[3].tags[0].tag, 'c00000000000');
  });

  test('a registry port in the repository name is not taken for a tag', () => {
    const [group] = groupImages([image('e', ['localhost:5000/app:2.0'])]);
    assert.deepStrictEqual([group.repository, group.tags[0].tag], ['localhost:5000/app', '2.0']);
  });

  test('size and age read as docker images prints them', () => {
    assert.strictEqual(imageDescription(image('a', ['x:1'], 1_700_000_000, 192_452_106), (1_700_000_000 + 3 * 7 * 86400) * 1000), '192MB · 3 weeks ago');
  });

  const instructions: [string, string][] = [
    ['/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]', 'CMD ["nginx" "-g" "daemon off;"]'],
    ['/bin/sh -c #(nop) ADD file:43d4 in / ', 'ADD file:43d4 in /'],
    ['/bin/sh -c apt-get update &&     apt-get install -y curl', 'RUN /bin/sh -c apt-get update && apt-get install -y curl'],
    ['COPY docker-entrypoint.sh / # buildkit', 'COPY docker-entrypoint.sh /'],
    ['RUN /bin/sh -c set -eux; \tapk add --no-cache ca-certificates # buildkit', 'RUN /bin/sh -c set -eux; apk add --no-cache ca-certificates'],
  ];
  for (const [createdBy, expected] of instructions) {
    test(`instruction of ${JSON.stringify(createdBy)}`, () => assert.strictEqual(layerInstruction(createdBy), expected));
  }

  test('layers of a real image: pull ids, sizes, instructions, and who else shares them', async () => {
    const engine = new Engine({ pullSecondsPerMegabyte: 0 });
    await engine.imagePull('nginx:1.28.0');
    const layers = engine.imageLayers('nginx:1.28.0');
    assert.strictEqual(layers.length, 7);
    assert.match(layerShortId(layers[0]), /^[0-9a-f]{12}$/);
    assert.strictEqual(layerDescription(layers[2]), '1.64kB · COPY docker-entrypoint.sh /');
    assert.ok([...layerDescription(layers[1])].length <= 60 + '115MB · '.length, layerDescription(layers[1]));
    assert.ok(layerDescription(layers[1]).endsWith('…'));
    const tooltip = layerTooltip(layers[0], ['nginx:latest'], { size: 'Size', digest: 'Digest', sharedWith: 'Also a layer of:' });
    assert.ok(tooltip.startsWith("```dockerfile\nRUN # debian.sh --arch 'amd64' out/ 'bookworm'"), tooltip);
    assert.ok(tooltip.endsWith('Also a layer of: `nginx:latest`'), tooltip);
  });

  test('Run… suggests what the image is for: a server detached with its port published, a shell interactive, the rest in the foreground', () => {
    assert.strictEqual(suggestRunCommand('nginx:1.28.0', { ExposedPorts: { '80/tcp': {} }, Cmd: ['nginx'] }, new Set()), 'docker run -d -p 8080:80 nginx:1.28.0');
    assert.strictEqual(suggestRunCommand('nginx:1.28.0', { ExposedPorts: { '80/tcp': {} } }, new Set([8080, 8081])), 'docker run -d -p 8082:80 nginx:1.28.0');
    assert.strictEqual(suggestRunCommand('redis', { ExposedPorts: { '6379/tcp': {} } }, new Set()), 'docker run -d -p 6379:6379 redis');
    assert.strictEqual(suggestRunCommand('ubuntu:24.04', { Cmd: ['/bin/bash'] }, new Set()), 'docker run -it ubuntu:24.04');
    assert.strictEqual(suggestRunCommand('alpine', { Cmd: ['/bin/sh'] }, new Set()), 'docker run -it alpine');
    assert.strictEqual(suggestRunCommand('hello-world', { Cmd: ['/hello'] }, new Set()), 'docker run hello-world');
  });
});
