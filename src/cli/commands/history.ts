import type { HistoryResponseItem } from '../../engine/types';
import { truncateId } from '../../engine/util/stringid';
import { humanDuration, humanSizeWithPrecision } from '../../engine/util/units';
import { renderFormat } from '../template/renderFormat';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { ellipsis } from './formatHelpers';
import { render } from './images';

/** docker/cli image/formatter_history.go defaultHistoryTableFormat. */
export const DEFAULT_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
/** nonHumanHistoryTableFormat (`-H=false`): dates as RFC 3339, sizes in bytes. */
export const NON_HUMAN_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

/** Created times up to 2000-01-01 are shown as N/A in human form (formatter_history.go `epoch`). */
const EPOCH_SECONDS = Date.UTC(2000, 0, 1) / 1000;

/**
 * `docker history` / `docker image history [-H] [--no-trunc] [-q] [--format]
 * IMAGE` (docker/cli image/history.go): the image's layers newest first;
 * rows from the image's build that are not local images show `<missing>`.
 */
export const history: CommandHandler = async (ctx) => {
  const { engine, io, flags, args } = ctx;
  if (flags.changed('platform')) {
    throw new StatusError('docker history --platform is not simulated in Docker Lab: its images have one platform (linux/amd64)', 1);
  }
  const items = engine.imageHistory(args[0]);
  // -H defaults to true (BoolVarP(&opts.human, "human", "H", true, ...)).
  const human = flags.bool('human');
  const trunc = !flags.bool('no-trunc');
  const format = historyFormat(flags.string('format') || 'table', flags.bool('quiet'), human);
  const now = engine.clock.now();
  const rows = items.map((item) => historyContext(item, trunc, human, now));
  io.stdout.write(render(() => renderFormat(format, HISTORY_HEADERS, rows, format, { rowType: '*image.historyContext' })));
  return 0;
};

/** NewHistoryFormat: `table` becomes `{{.ID}}` with -q, or the human or non-human table. */
function historyFormat(source: string, quiet: boolean, human: boolean): string {
  if (source !== 'table') return source;
  if (quiet) return '{{.ID}}';
  return human ? DEFAULT_HISTORY_TABLE : NON_HUMAN_HISTORY_TABLE;
}

/** Go's time.Format(time.RFC3339) in UTC (the lab's zone): `2025-12-08T22:39:08Z`. */
function rfc3339(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

/** The fields `--format` sees (historyContext's methods), keys sorted as its JSON map has them. */
function historyContext(item: HistoryResponseItem, trunc: boolean, human: boolean, now: number): Record<string, string> {
  const createdAt = rfc3339(item.Created);
  let createdSince = createdAt;
  if (human) {
    createdSince = item.Created <= EPOCH_SECONDS ? 'N/A' : `${humanDuration(now - item.Created * 1000)} ago`;
  }
  // Tabs would break the table's columns: they become spaces.
  const createdBy = item.CreatedBy.replace(/\t/g, ' ');
  return {
    Comment: item.Comment,
    CreatedAt: createdAt,
    CreatedBy: trunc ? ellipsis(createdBy, 45) : createdBy,
    CreatedSince: createdSince,
    ID: trunc ? truncateId(item.Id) : item.Id,
    Size: human ? humanSizeWithPrecision(item.Size, 3) : String(item.Size),
  };
}
