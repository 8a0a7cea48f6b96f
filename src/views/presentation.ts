/**
 * What the sidebar shows for containers, images and layers, computed from the
 * engine's API shapes. Pure (no `vscode`): the tree providers turn these into
 * TreeItems, and unit tests check them without VS Code.
 */
import type { ImageLayer } from '../engine/Engine';
import type { ContainerStateStatus, ContainerSummary, ImageSummary } from '../engine/types';
import { humanSizeWithPrecision } from '../engine/util/units';
import { createdSince } from '../engine/util/containerStatus';
import { displayablePorts } from '../engine/util/ports';
import { layerInstruction } from '../inspector/LayerInspectorModel';

/** The state groups the Containers view draws differently (and offers different actions for). */
export type ContainerLook = 'running' | 'paused' | 'restarting' | 'stopped';

/** running → green play, paused → pause, restarting → restart, anything else → red stop (as the official container tools draw them). */
export function containerLook(state: ContainerStateStatus | string): ContainerLook {
  switch (state) {
    case 'running': return 'running';
    case 'paused': return 'paused';
    case 'restarting': return 'restarting';
    default: return 'stopped';
  }
}

/** Codicon and theme colour per look. */
export const CONTAINER_ICONS: Readonly<Record<ContainerLook, { icon: string; color: string }>> = {
  running: { icon: 'debug-start', color: 'debugIcon.startForeground' },
  paused: { icon: 'debug-pause', color: 'debugIcon.pauseForeground' },
  restarting: { icon: 'debug-restart', color: 'debugIcon.restartForeground' },
  stopped: { icon: 'debug-stop', color: 'debugIcon.stopForeground' },
};

/** The container's name without Docker's leading slash. */
export function containerName(container: ContainerSummary): string {
  return (container.Names[0] ?? '').replace(/^\//, '');
}

/** `nginx:1.28.0 · Up 5 minutes`: the image as `docker ps` shows it, and the status text. */
export function containerDescription(container: ContainerSummary): string {
  return `${container.Image} · ${container.Status}`;
}

/** `container:running`: what menus' `viewItem` clauses match on. The state is Docker's own word. */
export function containerContextValue(container: ContainerSummary): string {
  return `container:${container.State}`;
}

/** Labels of the tooltip's rows, localized by the caller. */
export interface ContainerTooltipLabels {
  image: string;
  command: string;
  status: string;
  ports: string;
  created: string;
}

/** The Markdown tooltip of a container: name and short id, then image, command, status, ports, created. */
export function containerTooltip(container: ContainerSummary, labels: ContainerTooltipLabels, now: number): string {
  const ports = displayablePorts(container.Ports);
  const rows: [string, string][] = [
    [labels.image, code(container.Image)],
    [labels.command, code(container.Command)],
    [labels.status, escapeMarkdown(container.Status)],
  ];
  if (ports !== '') rows.push([labels.ports, code(ports)]);
  rows.push([labels.created, escapeMarkdown(createdSince(now, container.Created * 1000))]);
  return `**${escapeMarkdown(containerName(container))}** ${code(container.Id.slice(0, 12))}\n\n` + table(rows);
}

/** An image tag as the Images view lists it. */
export interface ImageTagEntry {
  /** `nginx`, `docker/welcome-to-docker`, or `<none>` for untagged images. */
  repository: string;
  /** `1.28.0`; for an untagged image, its short id. */
  tag: string;
  /** What commands take: `nginx:1.28.0`, or the short id of an untagged image. */
  reference: string;
  image: ImageSummary;
}

/** A repository and its tags, newest image first. */
export interface RepositoryEntry {
  repository: string;
  tags: ImageTagEntry[];
}

/**
 * The Images view's top level: images grouped by repository (sorted by
 * name, `<none>` last), each tag once; an image with two tags appears under
 * both, as in `docker images`.
 */
export function groupImages(images: readonly ImageSummary[]): RepositoryEntry[] {
  const byRepository = new Map<string, ImageTagEntry[]>();
  const add = (entry: ImageTagEntry) => {
    const list = byRepository.get(entry.repository) ?? [];
    list.push(entry);
    byRepository.set(entry.repository, list);
  };
  for (const image of images) {
    const tags = image.RepoTags.filter((t) => t !== '<none>:<none>');
    if (tags.length === 0) {
      const shortId = image.Id.replace(/^sha256:/, '').slice(0, 12);
      add({ repository: '<none>', tag: shortId, reference: shortId, image });
      continue;
    }
    for (const reference of tags) {
      const colon = reference.lastIndexOf(':');
      add({ repository: reference.slice(0, colon), tag: reference.slice(colon + 1), reference, image });
    }
  }
  return [...byRepository.entries()]
    .sort(([a], [b]) => (a === '<none>' ? 1 : b === '<none>' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([repository, tags]) => ({
      repository,
      tags: tags.sort((a, b) => b.image.Created - a.image.Created || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)),
    }));
}

/** `188MB · 3 weeks ago`: SIZE and CREATED as `docker images` prints them (3 significant digits). */
export function imageDescription(image: ImageSummary, now: number): string {
  return `${humanSizeWithPrecision(image.Size, 3)} · ${createdSince(now, image.Created * 1000)}`;
}

/** A layer's instruction as a learner reads it (the inspector's reading, so both views agree). */
export { layerInstruction };

/** The id `docker pull` prints for a layer: 12 hex digits of its compressed blob's digest. */
export function layerShortId(layer: ImageLayer): string {
  return layer.digest.replace(/^sha256:/, '').slice(0, 12);
}

/** `29.1MB · ADD file:… in /`, the instruction cut to `width` characters. */
export function layerDescription(layer: ImageLayer, width = 60): string {
  const instruction = layerInstruction(layer.createdBy);
  const cut = [...instruction].length > width ? [...instruction].slice(0, width - 1).join('') + '…' : instruction;
  return `${humanSizeWithPrecision(layer.size, 3)} · ${cut}`;
}

/** Labels of a layer tooltip, localized by the caller. */
export interface LayerTooltipLabels {
  size: string;
  digest: string;
  /** Heading for the other image tags that hold this layer too. */
  sharedWith: string;
}

/** The Markdown tooltip of a layer: the whole instruction, size, digests, and the other images that share it. */
export function layerTooltip(layer: ImageLayer, sharedWith: readonly string[], labels: LayerTooltipLabels): string {
  let text = '```dockerfile\n' + layerInstruction(layer.createdBy).replace(/```/g, '`\u200b``') + '\n```\n\n';
  text += table([
    [labels.size, escapeMarkdown(humanSizeWithPrecision(layer.size, 3))],
    [labels.digest, code(layer.digest)],
  ]);
  if (sharedWith.length > 0) text += `\n\n${escapeMarkdown(labels.sharedWith)} ${sharedWith.map(code).join(', ')}`;
  return text;
}

/** Backslash-escapes Markdown punctuation, so names and commands show as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** A code span that holds any text: fenced with more backticks than it contains, as CommonMark allows. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  // A pipe would end a table cell even inside a code span.
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function table(rows: readonly [string, string][]): string {
  return '| | |\n|---|---|\n' + rows.map(([label, value]) => `| ${escapeMarkdown(label)} | ${value} |`).join('\n');
}

/** The parts of an image's config that decide how it is usually run. */
export interface RunnableImage {
  ExposedPorts?: Record<string, unknown> | null;
  Entrypoint?: readonly string[] | null;
  Cmd?: readonly string[] | null;
}

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash']);

/**
 * The `docker run` line the Images view's "Run…" suggests (the learner edits
 * it before it runs): a server gets `-d` and its first exposed TCP port
 * published on a free host port (80 → 8080, as the seed's examples do); an
 * image whose command is a shell gets `-it` so the learner lands in it; any
 * other image runs in the foreground, like `docker run hello-world`.
 */
export function suggestRunCommand(reference: string, config: RunnableImage, usedHostPorts: ReadonlySet<number>): string {
  const exposed = Object.keys(config.ExposedPorts ?? {})
    .map((key) => /^(\d+)(?:\/tcp)?$/.exec(key))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  if (exposed.length > 0) {
    const port = exposed[0];
    let host = port < 1024 ? 8000 + port : port;
    while (usedHostPorts.has(host) && host < 65535) host++;
    return `docker run -d -p ${host}:${port} ${reference}`;
  }
  const command = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (command.length === 1 && SHELLS.has(command[0])) return `docker run -it ${reference}`;
  return `docker run ${reference}`;
}
