import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiServer } from '../../../src/api/ApiServer';
import { Engine } from '../../../src/engine/Engine';
import type { Answer } from '../helpers/apiClient';
import { call, hijack, json, post as postTo, v } from '../helpers/apiClient';
import { formatViolations, swaggerValidator } from '../helpers/swaggerValidator';
import type { SchemaViolation } from '../helpers/swaggerValidator';

// The lab's Engine API answers checked against the schemas dockerd itself
// publishes (moby v28.2.2 api/swagger.yaml, test/fixtures/engine-api): for
// each endpoint, in a realistic state, the status must be one the spec
// lists for the operation and the body must match the schema it gives.
// Where the spec's types say "never null" and dockerd (Go's encoding/json
// on a nil slice or map) sends null all the same, the case names the field
// and the moby source that sends it: those are the spec's quirks, pinned so
// that they neither hide a real violation nor linger once gone. A second
// test per case lists the fields the spec does not name at all.

/** A known gap between the spec and what dockerd sends, at the body's pointers matching `path`. */
interface Quirk {
  path: RegExp;
  /** Why dockerd (and so the lab) sends it: the moby source. */
  reason: string;
}

interface Lab {
  socket: string;
  /** `web`: nginx:1.28.0 running, 0.0.0.0:8080->80/tcp. */
  web: string;
  /** `done`: alpine that wrote /greeting and exited 3. */
  done: string;
  /** `fresh`: created, never started. */
  fresh: string;
  /** `frozen`: alpine sleeping, paused. */
  frozen: string;
  /** An exec in web that ran (`echo hi`, exit 0). */
  execRan: string;
  /** An exec in web that was created and not started. */
  execNew: string;
}

interface Case {
  method: string;
  /** The operation's path in the spec. */
  template: string;
  /** The state the case calls it in. */
  what: string;
  request: (lab: Lab) => Promise<Answer>;
  status: number;
  /** `json` (the default), `text`, `none` (204, 304), or JSON lines each checked against the status's schema or a definition. */
  body?: 'json' | 'text' | 'none' | { lines: 'schema' | string };
  /** null where the spec's type is not x-nullable, as dockerd sends it. */
  nulls?: Quirk[];
  /** Fields dockerd sends that the spec does not name. */
  extras?: Quirk[];
  /** A lab bug that makes the case fail: skipped, the bug named, until its owner fixes it. */
  bug?: string;
}

const post = (lab: Lab, url: string, body?: unknown) => postTo(lab.socket, url, body);
const get = (lab: Lab, url: string) => call(lab.socket, 'GET', v(url));

// The quirks, each where moby v28.2.2 sends null for a field the spec types without x-nullable.
const ENDPOINT_SLICES: Quirk = {
  path: /\/NetworkSettings\/Networks\/[^/]+\/(Links|Aliases|DNSNames)$/,
  reason: 'EndpointSettings.Links, Aliases and DNSNames are []string without omitempty (api/types/network/endpoint.go): nil on the default bridge',
};
const HOST_CONFIG_SLICES: Quirk = {
  path: /^\/HostConfig\/(Binds|VolumesFrom|CapAdd|CapDrop|ExtraHosts|GroupAdd|Links|SecurityOpt|Ulimits|BlkioWeightDevice|BlkioDevice(Read|Write)(Bps|IOps)|Devices|DeviceCgroupRules|DeviceRequests|MemorySwappiness)$/,
  reason: 'HostConfig and Resources slices without omitempty (api/types/container/hostconfig.go): nil when the create request set none; MemorySwappiness is *int64, dropped on cgroup v2 (verifyPlatformContainerResources)',
};
const CONFIG_VOLUMES: Quirk = {
  path: /^\/Config\/Volumes$/,
  reason: 'container.Config.Volumes is map[string]struct{} without omitempty (api/types/container/config.go): nil for images without VOLUME',
};
const CONFIG_ENTRYPOINT: Quirk = {
  path: /^\/Config\/Entrypoint$/,
  reason: 'container.Config.Entrypoint is a strslice.StrSlice without omitempty: nil for an image without ENTRYPOINT (alpine)',
};
const IMAGE_LABELS: Quirk = {
  path: /^(\/Images)?\/\d+\/Labels$/,
  reason: 'newImageSummary copies image.Config.Labels (daemon/images/image_list.go): nil for an image without labels (alpine)',
};
const HISTORY_TAGS: Quirk = {
  path: /^\/\d+\/Tags$/,
  reason: 'ImageHistory collects `var tags []string` per layer (daemon/images/image_history.go): nil for the layers below the tagged image',
};

const INFO_SLICES: Quirk[] = [
  { path: /^\/Plugins\/Authorization$/, reason: 'PluginsInfo.Authorization is []string without omitempty (api/types/system/info.go): nil without authorization plugins' },
  { path: /^\/RegistryConfig\/Mirrors$/, reason: 'newServiceConfig copies the mirrors with append([]string(nil), ...) (registry/config.go): nil without mirrors' },
  { path: /^\/GenericResources$/, reason: 'system.Info.GenericResources is a slice without omitempty (api/types/system/info.go)' },
  { path: /^\/Warnings$/, reason: 'daemon/info.go appends to v.Warnings: nil when the daemon has nothing to warn about' },
];
const VOLUME_LIST_WARNINGS: Quirk = {
  path: /^\/Warnings$/,
  reason: 'getVolumesList answers the volume service\'s warnings as they come, nil without any (api/server/router/volume/volume_routes.go)',
};
const VOLUME_MAPS: Quirk = {
  path: /^\/(Labels|Options)$/,
  reason: 'volumeWrapper.Labels() and Options() return nil when the create request set none (volume/service/store.go)',
};
const IPAM_FIELDS: Quirk = {
  path: /^(\/\d+)?\/IPAM\/(Options|Config)$/,
  reason: 'network.IPAM Options (a map) and Config (a slice) have no omitempty (api/types/network/ipam.go): nil by default, Config too for host and none',
};
const EXEC_EXIT_CODE: Quirk = {
  path: /^\/ExitCode$/,
  reason: 'backend.ExecInspect.ExitCode is *int (api/types/backend/backend.go): null until the process has exited',
};
const PRUNED_IMAGES: Quirk = {
  path: /^\/ImagesDeleted$/,
  reason: 'ImagesPrune appends to an empty PruneReport (daemon/images/image_prune.go): nil when nothing was deleted',
};

/** Splits violations into the quirks a case names and the rest; only null values can be a quirk. */
function sortViolations(found: SchemaViolation[], quirks: readonly Quirk[]): { unexplained: SchemaViolation[]; seen: Set<Quirk> } {
  const seen = new Set<Quirk>();
  const unexplained = found.filter((violation) => {
    const quirk = violation.value === null ? quirks.find((candidate) => candidate.path.test(violation.path)) : undefined;
    if (quirk) seen.add(quirk);
    return !quirk;
  });
  return { unexplained, seen };
}

const cases: Case[] = [
  // ---------------------------------------------------------------- system
  { method: 'GET', template: '/_ping', what: 'plain', request: (lab) => get(lab, '/_ping'), status: 200, body: 'text' },
  { method: 'HEAD', template: '/_ping', what: 'plain', request: (lab) => call(lab.socket, 'HEAD', v('/_ping')), status: 200, body: 'text' },
  { method: 'GET', template: '/version', what: 'the daemon', request: (lab) => get(lab, '/version'), status: 200 },
  { method: 'GET', template: '/info', what: 'four containers, two images', request: (lab) => get(lab, '/info'), status: 200, nulls: INFO_SLICES },
  {
    method: 'GET', template: '/system/df', what: 'images, containers of every state', request: (lab) => get(lab, '/system/df'), status: 200,
    nulls: [IMAGE_LABELS, { ...ENDPOINT_SLICES, path: /^\/Containers\/\d+\/NetworkSettings\/Networks\/[^/]+\/(Links|Aliases|DNSNames)$/ }],
  },
  // ---------------------------------------------------------------- containers
  {
    method: 'GET', template: '/containers/json', what: 'all=1&size=1: running, paused, exited, created', request: (lab) => get(lab, '/containers/json?all=1&size=1'), status: 200,
    nulls: [{ ...ENDPOINT_SLICES, path: /^\/\d+\/NetworkSettings\/Networks\/[^/]+\/(Links|Aliases|DNSNames)$/ }],
  },
  {
    method: 'POST', template: '/containers/create', what: 'with a name, ports and env', status: 201,
    request: (lab) => post(lab, '/containers/create?name=made', { Image: 'nginx:1.28.0', Env: ['A=1'], ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8081' }] } } }),
  },
  {
    method: 'GET', template: '/containers/{id}/json', what: 'running, a published port, size=1', request: (lab) => get(lab, `/containers/${lab.web}/json?size=1`), status: 200,
    nulls: [ENDPOINT_SLICES, HOST_CONFIG_SLICES, CONFIG_VOLUMES],
  },
  {
    method: 'GET', template: '/containers/{id}/json', what: 'exited 3', request: (lab) => get(lab, `/containers/${lab.done}/json`), status: 200,
    nulls: [ENDPOINT_SLICES, HOST_CONFIG_SLICES, CONFIG_VOLUMES, CONFIG_ENTRYPOINT],
  },
  {
    method: 'GET', template: '/containers/{id}/json', what: 'created, never started', request: (lab) => get(lab, `/containers/${lab.fresh}/json`), status: 200,
    nulls: [ENDPOINT_SLICES, HOST_CONFIG_SLICES, CONFIG_VOLUMES, CONFIG_ENTRYPOINT],
  },
  {
    method: 'GET', template: '/containers/{id}/json', what: 'paused', request: (lab) => get(lab, `/containers/${lab.frozen}/json`), status: 200,
    nulls: [ENDPOINT_SLICES, HOST_CONFIG_SLICES, CONFIG_VOLUMES, CONFIG_ENTRYPOINT],
  },
  { method: 'GET', template: '/containers/{id}/changes', what: 'a file added', request: (lab) => get(lab, `/containers/${lab.done}/changes`), status: 200 },
  { method: 'GET', template: '/containers/{id}/top', what: 'nginx running', request: (lab) => get(lab, `/containers/${lab.web}/top`), status: 200 },
  { method: 'POST', template: '/containers/{id}/wait', what: 'exited 3', request: (lab) => post(lab, `/containers/${lab.done}/wait`), status: 200 },
  { method: 'POST', template: '/containers/{id}/start', what: 'already running: 304', request: (lab) => post(lab, `/containers/${lab.web}/start`), status: 304, body: 'none' },
  { method: 'POST', template: '/containers/{id}/stop', what: 'already stopped: 304', request: (lab) => post(lab, `/containers/${lab.done}/stop`), status: 304, body: 'none' },
  {
    method: 'POST', template: '/containers/{id}/restart', what: 'exited', status: 204, body: 'none',
    request: async (lab) => {
      const { Id } = json(await post(lab, '/containers/create', { Image: 'alpine:latest', Cmd: ['true'] })) as { Id: string };
      return post(lab, `/containers/${Id}/restart`);
    },
  },
  // ---------------------------------------------------------------- exec
  { method: 'POST', template: '/containers/{id}/exec', what: 'in a running container', request: (lab) => post(lab, `/containers/${lab.web}/exec`, { Cmd: ['ls'], AttachStdout: true }), status: 201 },
  { method: 'GET', template: '/exec/{id}/json', what: 'ran, exit 0', request: (lab) => get(lab, `/exec/${lab.execRan}/json`), status: 200 },
  { method: 'GET', template: '/exec/{id}/json', what: 'created, not started', request: (lab) => get(lab, `/exec/${lab.execNew}/json`), status: 200, nulls: [EXEC_EXIT_CODE] },
  // ---------------------------------------------------------------- images
  {
    method: 'POST', template: '/images/create', what: 'pull busybox: each message a CreateImageInfo', request: (lab) => post(lab, '/images/create?fromImage=busybox&tag=latest'), status: 200,
    body: { lines: 'CreateImageInfo' },
  },
  { method: 'GET', template: '/images/json', what: 'nginx and alpine', request: (lab) => get(lab, '/images/json'), status: 200, nulls: [IMAGE_LABELS] },
  { method: 'GET', template: '/images/{name}/json', what: 'nginx:1.28.0', request: (lab) => get(lab, '/images/nginx:1.28.0/json'), status: 200 },
  { method: 'GET', template: '/images/{name}/history', what: 'nginx:1.28.0', request: (lab) => get(lab, '/images/nginx:1.28.0/history'), status: 200, nulls: [HISTORY_TAGS] },
  { method: 'POST', template: '/images/{name}/tag', what: 'alpine as mine:1', request: (lab) => post(lab, '/images/alpine:latest/tag?repo=mine&tag=1'), status: 201, body: 'none' },
  {
    method: 'POST', template: '/commit', what: 'the exited container, with a message and a change', status: 201,
    request: (lab) => post(lab, `/commit?container=${lab.done}&repo=snap&tag=v1&comment=note&changes=${encodeURIComponent('CMD ["cat","/greeting"]')}`),
  },
  {
    method: 'DELETE', template: '/images/{name}', what: 'one of two tags: Untagged only', status: 200,
    request: async (lab) => {
      await post(lab, '/images/alpine:latest/tag?repo=extra&tag=1');
      return call(lab.socket, 'DELETE', v('/images/extra:1'));
    },
  },
  {
    method: 'DELETE', template: '/images/{name}', what: 'a committed image: Untagged and Deleted', status: 200,
    request: async (lab) => {
      await post(lab, `/commit?container=${lab.fresh}&repo=gone&tag=1`);
      return call(lab.socket, 'DELETE', v('/images/gone:1'));
    },
  },
  // ---------------------------------------------------------------- errors (ErrorResponse)
  { method: 'GET', template: '/containers/{id}/json', what: 'no such container: 404', request: (lab) => get(lab, '/containers/nosuch/json'), status: 404 },
  { method: 'GET', template: '/containers/json', what: 'malformed filters: 400', request: (lab) => get(lab, '/containers/json?filters=notjson'), status: 400 },
  { method: 'DELETE', template: '/containers/{id}', what: 'running, no force: 409', request: (lab) => call(lab.socket, 'DELETE', v(`/containers/${lab.web}`)), status: 409 },
  { method: 'POST', template: '/containers/create', what: 'no such image: 404', request: (lab) => post(lab, '/containers/create', { Image: 'nosuch:1' }), status: 404 },
  { method: 'POST', template: '/containers/create', what: 'name in use: 409', request: (lab) => post(lab, '/containers/create?name=web', { Image: 'alpine:latest' }), status: 409 },
  { method: 'POST', template: '/containers/{id}/kill', what: 'not running: 409', request: (lab) => post(lab, `/containers/${lab.done}/kill`), status: 409 },
  { method: 'POST', template: '/containers/{id}/exec', what: 'container not running: 409', request: (lab) => post(lab, `/containers/${lab.done}/exec`, { Cmd: ['ls'] }), status: 409 },
  { method: 'GET', template: '/exec/{id}/json', what: 'no such exec: 404', request: (lab) => get(lab, '/exec/nosuch/json'), status: 404 },
  { method: 'GET', template: '/images/{name}/json', what: 'no such image: 404', request: (lab) => get(lab, '/images/nosuch:1/json'), status: 404 },
  { method: 'DELETE', template: '/images/{name}', what: 'in use by a container: 409', request: (lab) => call(lab.socket, 'DELETE', v('/images/nginx:1.28.0')), status: 409 },
  { method: 'POST', template: '/images/create', what: 'pull of a repository the registry lacks: 404', request: (lab) => post(lab, '/images/create?fromImage=nosuchimage-lab&tag=latest'), status: 404 },
  { method: 'POST', template: '/commit', what: 'no such container: 404', request: (lab) => post(lab, '/commit?container=nosuch'), status: 404 },
  { method: 'GET', template: '/plugins/{name}/json', what: 'no such plugin: 404', request: (lab) => get(lab, '/plugins/vieux/sshfs/json'), status: 404 },
  { method: 'GET', template: '/services', what: 'a node in no swarm: 503', request: (lab) => get(lab, '/services'), status: 503 },
  { method: 'GET', template: '/plugins', what: 'no managed plugins', request: (lab) => get(lab, '/plugins'), status: 200 },
  // ---------------------------------------------------------------- volumes, networks, events, prune
  { method: 'GET', template: '/volumes', what: 'none yet', request: (lab) => get(lab, '/volumes'), status: 200, nulls: [VOLUME_LIST_WARNINGS] },
  { method: 'POST', template: '/volumes/create', what: 'named, no labels', request: (lab) => post(lab, '/volumes/create', { Name: 'data' }), status: 201, nulls: [VOLUME_MAPS] },
  {
    // (Driver options are not simulated: the lab answers 501 for them.)
    method: 'GET', template: '/volumes/{name}', what: 'with labels', status: 200, nulls: [VOLUME_MAPS],
    request: async (lab) => {
      await post(lab, '/volumes/create', { Name: 'labelled', Labels: { team: 'a' } });
      return get(lab, '/volumes/labelled');
    },
  },
  { method: 'GET', template: '/networks', what: 'the defaults', request: (lab) => get(lab, '/networks'), status: 200, nulls: [IPAM_FIELDS] },
  { method: 'GET', template: '/networks/{id}', what: 'bridge, web attached', request: (lab) => get(lab, '/networks/bridge'), status: 200, nulls: [IPAM_FIELDS] },
  { method: 'POST', template: '/networks/create', what: 'a bridge', request: (lab) => post(lab, '/networks/create', { Name: 'backend' }), status: 201 },
  {
    method: 'GET', template: '/events', what: 'the past, until now: each line an EventMessage', status: 200, body: { lines: 'schema' },
    request: (lab) => get(lab, `/events?since=0&until=${Math.ceil(Date.now() / 1000)}`),
  },
  {
    method: 'POST', template: '/containers/prune', what: 'labelled prune-me', status: 200,
    request: async (lab) => {
      await post(lab, '/containers/create', { Image: 'alpine:latest', Labels: { 'prune-me': '1' } });
      return post(lab, `/containers/prune?filters=${encodeURIComponent('{"label":["prune-me"]}')}`);
    },
  },
  { method: 'POST', template: '/images/prune', what: 'nothing dangling', request: (lab) => post(lab, '/images/prune'), status: 200, nulls: [PRUNED_IMAGES] },
  { method: 'POST', template: '/volumes/prune', what: 'unused anonymous volumes', request: (lab) => post(lab, '/volumes/prune'), status: 200 },
  { method: 'POST', template: '/networks/prune', what: 'an unused network', request: (lab) => post(lab, '/networks/prune'), status: 200 },
];

suite('Engine API answers against the spec (moby v28.2.2 swagger)', () => {
  const validator = swaggerValidator();
  let directory: string;
  let server: ApiServer;
  let lab: Lab;
  const answers = new Map<Case, Promise<Answer>>();
  /** Each case calls the lab once; its two tests share the answer. */
  const answerOf = (endpoint: Case) => {
    let answer = answers.get(endpoint);
    if (!answer) {
      answer = endpoint.request(lab);
      answers.set(endpoint, answer);
    }
    return answer;
  };

  suiteSetup(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-swagger-'));
    const socket = path.join(directory, 'run', 'docker.sock');
    server = new ApiServer(new Engine({ pullSecondsPerMegabyte: 0 }), socket);
    await server.start();
    const partial = { socket } as Lab;
    await post(partial, '/images/create?fromImage=nginx&tag=1.28.0');
    await post(partial, '/images/create?fromImage=alpine&tag=latest');
    const create = async (name: string, body: unknown) => (json(await post(partial, `/containers/create?name=${name}`, body)) as { Id: string }).Id;
    const web = await create('web', { Image: 'nginx:1.28.0', ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } });
    await post(partial, `/containers/${web}/start`);
    const done = await create('done', { Image: 'alpine:latest', Cmd: ['sh', '-c', 'echo hi > /greeting; exit 3'] });
    await post(partial, `/containers/${done}/start`);
    assert.deepStrictEqual(json(await post(partial, `/containers/${done}/wait`)), { StatusCode: 3 });
    const fresh = await create('fresh', { Image: 'alpine:latest' });
    const frozen = await create('frozen', { Image: 'alpine:latest', Cmd: ['sleep', '1000'] });
    await post(partial, `/containers/${frozen}/start`);
    await post(partial, `/containers/${frozen}/pause`);
    const execRan = (json(await post(partial, `/containers/${web}/exec`, { Cmd: ['echo', 'hi'], AttachStdout: true, AttachStderr: true })) as { Id: string }).Id;
    await hijack(socket, v(`/exec/${execRan}/start`), JSON.stringify({ Detach: false, Tty: false })).done;
    const execNew = (json(await post(partial, `/containers/${web}/exec`, { Cmd: ['ls'], AttachStdout: true })) as { Id: string }).Id;
    lab = { socket, web, done, fresh, frozen, execRan, execNew };
  });

  suiteTeardown(async () => {
    if (!lab) return server?.stop();
    // A sleeping container holds a timer: remove them all so mocha can exit.
    for (const { Id } of json(await get(lab, '/containers/json?all=1')) as { Id: string }[]) {
      await call(lab.socket, 'DELETE', v(`/containers/${Id}?force=1`));
    }
    await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  /** The body's values to check: one for JSON and text, each line for JSON lines. */
  const bodies = (endpoint: Case, answer: Answer): unknown[] => {
    const text = answer.body.toString('utf8');
    if (endpoint.body === 'text') return [text];
    if (typeof endpoint.body === 'object' && answer.status < 300) return text.split(/\r?\n/).filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
    return [JSON.parse(text) as unknown];
  };

  for (const endpoint of cases) {
    const name = `${endpoint.method} ${endpoint.template} (${endpoint.what})`;
    const run = endpoint.bug ? test.skip : test;
    const label = endpoint.bug ? `${name} — BUG: ${endpoint.bug}` : name;

    run(`${label}: answers ${endpoint.status}, a status the spec lists, with a body its schema accepts`, async function () {
      const answer = await answerOf(endpoint);
      const statuses = validator.statuses(endpoint.method, endpoint.template);
      assert.strictEqual(answer.status, endpoint.status, `status ${answer.status}: ${answer.body.toString()}`);
      assert.ok(statuses.includes(answer.status), `the spec lists ${statuses.join(', ')} for ${endpoint.method} ${endpoint.template}, not ${answer.status}`);
      if (endpoint.body === 'none') {
        assert.strictEqual(answer.body.length, 0, 'no body');
        return;
      }
      if (endpoint.method !== 'HEAD') {
        const type = String(answer.headers['content-type']).split(';')[0];
        const produced = validator.produces(endpoint.method, endpoint.template);
        assert.ok(produced.includes(type) || answer.status >= 400, `Content-Type ${type} is not among ${produced.join(', ')}`);
        if (answer.status >= 400) assert.strictEqual(type, 'application/json', 'errors are JSON');
      }
      const lines = typeof endpoint.body === 'object' && answer.status < 300 ? endpoint.body.lines : undefined;
      const found: SchemaViolation[] = [];
      bodies(endpoint, answer).forEach((value, index) => {
        const violations = lines && lines !== 'schema'
          ? validator.checkDefinition(lines, value)
          : validator.checkResponse(endpoint.method, endpoint.template, answer.status, value).violations;
        found.push(...violations.map((violation) => (lines ? { ...violation, path: `[line ${index}]${violation.path}` } : violation)));
      });
      const { unexplained, seen } = sortViolations(found, endpoint.nulls ?? []);
      assert.ok(unexplained.length === 0, `the body does not match the spec:\n${formatViolations(unexplained)}`);
      const gone = (endpoint.nulls ?? []).filter((quirk) => !seen.has(quirk));
      assert.deepStrictEqual(gone.map((quirk) => quirk.path.source), [], 'quirks listed for this case that no longer happen: take them out of its nulls');
    });

    if (endpoint.body === undefined || endpoint.body === 'json') {
      run(`${label}: names only fields the spec documents`, async function () {
        const answer = await answerOf(endpoint);
        const fields = validator.undocumentedFields(endpoint.method, endpoint.template, answer.status, JSON.parse(answer.body.toString('utf8')));
        const unexplained = fields.filter((field) => !(endpoint.extras ?? []).some((quirk) => quirk.path.test(field)));
        assert.deepStrictEqual(unexplained, [], 'fields the spec does not name (a typo, or a field dockerd does not send?)');
      });
    }
  }

  test('the validator itself: a wrong type, a missing required field and a null are each reported with their path', () => {
    const found = validator.checkResponse('POST', '/containers/{id}/wait', 200, { StatusCode: '3' });
    assert.deepStrictEqual(found.violations.map((violation) => [violation.path, violation.message]), [['/StatusCode', 'must be integer']]);
    const missing = validator.checkDefinition('ErrorResponse', {});
    assert.deepStrictEqual(missing.map((violation) => violation.message), ['must have required property \'message\'']);
    // x-nullable: true (ContainerState.Health) admits null; a plain array (ContainerSummary.Names) does not.
    assert.deepStrictEqual(validator.checkDefinition('ContainerState', { Health: null }), []);
    assert.deepStrictEqual(validator.checkDefinition('ContainerSummary', { Names: null }).map((violation) => violation.path), ['/Names']);
    // Formats mean something: a uint16 port cannot be 70000, a dateTime must be RFC 3339.
    assert.deepStrictEqual(validator.checkDefinition('Port', { PrivatePort: 70000, Type: 'tcp' }).map((violation) => violation.path), ['/PrivatePort']);
    assert.deepStrictEqual(validator.checkDefinition('ImageInspect', { Created: 'yesterday' }).map((violation) => violation.path), ['/Created']);
    assert.match(formatViolations(found.violations), /\/StatusCode: must be integer \(#\/properties\/StatusCode\/type\); got "3"/);
  });
});
