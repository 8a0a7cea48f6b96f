import type { ImageSummary } from '../../engine/types';
import { familiarName, parseNormalizedNamed } from '../../engine/util/reference';
import { truncateId } from '../../engine/util/stringid';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../../engine/util/units';
import { renderFormat } from '../template/renderFormat';
import { TemplateError } from '../template/TemplateError';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { goTimeString } from './formatHelpers';
import type { FilterArgs } from './imageFilters';
import { addFilter, listImages } from './imageFilters';

/** docker/cli formatter/image.go defaultImageTableFormat. */
export const DEFAULT_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
/** docker/cli formatter/image.go defaultImageTableFormatWithDigest (`--digests`). */
export const DEFAULT_IMAGE_TABLE_WITH_DIGEST = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

/** The column headers of formatter.ImageContext (also `docker system df -v`'s images). */
export const IMAGE_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

/** The subcommands `docker images ls` is usually a mistake for (docker/cli image/list.go printAmbiguousHint). */
const IMAGE_SUBCOMMANDS = ['build', 'history', 'import', 'inspect', 'list', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag'];

/**
 * `docker images` / `docker image ls [REPOSITORY[:TAG]]` (docker/cli
 * image/list.go and formatter/image.go): one row per repository and tag of
 * each image, newest image first; `<none>` for untagged images.
 */
export const images: CommandHandler = async (ctx) => {
  const { engine, io, flags, args } = ctx;
  const quiet = flags.bool('quiet');
  const noTrunc = flags.bool('no-trunc');
  const showDigests = flags.bool('digests');
  const format = flags.string('format');
  const matchName = args[0] ?? '';

  const filters: FilterArgs = new Map();
  for (const value of flags.list('filter')) {
    // The flag parser (opts.FilterOpt) has checked the `name=value` shape and trimmed both.
    const eq = value.indexOf('=');
    addFilter(filters, value.slice(0, eq), value.slice(eq + 1));
  }
  if (matchName) addFilter(filters, 'reference', matchName);

  if (flags.bool('tree')) {
    if (quiet) throw new StatusError('--quiet is not yet supported with --tree', 1);
    if (noTrunc) throw new StatusError('--no-trunc is not yet supported with --tree', 1);
    if (showDigests) throw new StatusError('--show-digest is not yet supported with --tree', 1);
    if (format) throw new StatusError('--format is not yet supported with --tree', 1);
    throw new StatusError('docker images --tree is not simulated in Docker Lab', 1);
  }

  const list = listImages(engine, filters, flags.bool('all'));
  const resolved = imageFormat(format || 'table', quiet, showDigests);
  const needDigest = showDigests || resolved.includes('{{.Digest}}');
  const now = engine.clock.now();
  const rows = list.flatMap((image) => imageRows(image, needDigest, showDigests)).map((row) => imageContext(row, !noTrunc, now));
  io.stdout.write(render(() => renderFormat(resolved, IMAGE_HEADERS, rows, resolved, { rowType: '*formatter.imageContext' })));

  if (matchName && list.length === 0 && ctx.commandName === 'docker images' && IMAGE_SUBCOMMANDS.includes(matchName)) {
    io.stderr.write(`\nNo images found matching "${matchName}": did you mean "docker image ${matchName}"?\n`);
  }
  return 0;
};

/** A bad `--format` is a plain error: its message (`template parsing error: ...`), nothing printed, exit 1. */
export function render(print: () => string): string {
  try {
    return print();
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(e.message, 1);
    throw e;
  }
}

/** formatter.NewImageFormat: what `table`, `raw`, `-q` and `--digests` turn the format into. */
function imageFormat(source: string, quiet: boolean, digest: boolean): string {
  if (source === 'table') {
    if (quiet) return '{{.ID}}';
    return digest ? DEFAULT_IMAGE_TABLE_WITH_DIGEST : DEFAULT_IMAGE_TABLE;
  }
  if (source === 'raw') {
    if (quiet) return 'image_id: {{.ID}}';
    return digest
      ? 'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n'
      : 'repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';
  }
  // A custom table gets the digest column when --digests asks for it.
  if (source.startsWith('table') && digest && !source.includes('{{.Digest}}')) return `${source}\t{{.Digest}}`;
  return source;
}

/** One row of the listing: an image under one repository and tag (or digest). */
interface ImageRow {
  image: ImageSummary;
  repository: string;
  tag: string;
  digest: string;
}

/**
 * formatter.imageFormat / imageFormatTaggedAndDigest: a dangling image is one
 * `<none>` row; otherwise a row per tag of each repository (times each
 * digest of that repository when digests are shown), then a row per
 * repository known only by digest. (Go walks these maps in random order;
 * the lab keeps the daemon's order.)
 */
function imageRows(image: ImageSummary, needDigest: boolean, showDigests: boolean): ImageRow[] {
  if (image.RepoTags.length === 0 && image.RepoDigests.length === 0) {
    return [{ image, repository: '<none>', tag: '<none>', digest: '<none>' }];
  }
  const repoTags = new Map<string, string[]>();
  const repoDigests = new Map<string, string[]>();
  for (const text of image.RepoTags) {
    const ref = tryParse(text);
    if (ref?.tag === undefined) continue;
    const name = familiarName(ref);
    repoTags.set(name, [...(repoTags.get(name) ?? []), ref.tag]);
  }
  for (const text of image.RepoDigests) {
    const ref = tryParse(text);
    if (ref?.digest === undefined) continue;
    const name = familiarName(ref);
    repoDigests.set(name, [...(repoDigests.get(name) ?? []), ref.digest]);
  }
  const rows: ImageRow[] = [];
  for (const [repository, tags] of repoTags) {
    // Digests are not rows of their own when the repository has tags.
    const digests = needDigest ? repoDigests.get(repository) ?? [] : [];
    repoDigests.delete(repository);
    for (const tag of tags) {
      if (digests.length === 0) rows.push({ image, repository, tag, digest: '<none>' });
      for (const digest of digests) rows.push({ image, repository, tag, digest });
    }
  }
  for (const [repository, digests] of repoDigests) {
    if (showDigests) {
      for (const digest of digests) rows.push({ image, repository, tag: '<none>', digest });
    } else {
      rows.push({ image, repository, tag: '<none>', digest: '' });
    }
  }
  return rows;
}

function tryParse(text: string): ReturnType<typeof parseNormalizedNamed> | undefined {
  try {
    return parseNormalizedNamed(text);
  } catch {
    return undefined;
  }
}

/**
 * The fields `--format` sees (formatter.imageContext's methods), keys in
 * sorted order as its MarshalJSON map encodes them for `--format json`.
 */
function imageContext(row: ImageRow, trunc: boolean, now: number): Record<string, string> {
  const { image } = row;
  const createdMs = image.Created * 1000;
  // `docker images` never asks for container counts or shared sizes, so the
  // daemon sends -1 for both ("not set") and the CLI prints N/A.
  return {
    Containers: 'N/A',
    CreatedAt: goTimeString(createdMs),
    // time.Unix(0, 0) is not Go's zero time, so CreatedSince is never empty here.
    CreatedSince: `${humanDuration(now - createdMs)} ago`,
    Digest: row.digest,
    ID: trunc ? truncateId(image.Id) : image.Id,
    Repository: row.repository,
    SharedSize: 'N/A',
    Size: humanSizeWithPrecision(image.Size, 3),
    Tag: row.tag,
    UniqueSize: 'N/A',
    VirtualSize: humanSize(image.Size),
  };
}
