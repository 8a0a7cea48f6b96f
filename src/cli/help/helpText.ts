import { renderFlagUsages } from '../flags/renderFlagUsages';
import { CommandSpec } from './CommandTable';
import { commands } from './commands';

/** Width docker assumes when stdin is not a terminal (docker/cli cli/cobra.go defaultTermWidth). */
export const DEFAULT_HELP_WIDTH = 80;

/**
 * `docker <command> --help` as docker 28.2.2 prints it for a terminal `width` columns wide.
 * Only the flag list wraps (pflag FlagUsagesWrapped(width - 1)); everything else is the stored
 * text. docker reads the width from the terminal on stdin and uses 80 when stdin is not one.
 */
export function helpText(spec: CommandSpec, width: number = DEFAULT_HELP_WIDTH): string {
  if (width === commands.columns) return spec.help;
  const title = spec.path === '' ? '\nGlobal Options:\n' : '\nOptions:\n';
  const start = spec.help.indexOf(title);
  if (start < 0) return spec.help;
  const blockStart = start + title.length;
  const blankLine = spec.help.indexOf('\n\n', blockStart);
  const blockEnd = blankLine >= 0 ? blankLine : spec.help.length - 1;
  // The template pipes the block through trimRightSpace.
  const block = renderFlagUsages(spec.flags, width - 1).replace(/\s+$/, '');
  return spec.help.slice(0, blockStart) + block + spec.help.slice(blockEnd);
}
