import { CommandTable, CommandTableData } from './CommandTable';
import data from './commands.json';

/**
 * The docker 28.2.2 command tree (every command, its use line, argument rule, flags and exact
 * `--help` text), captured from the real binary by scripts/capture-help.mjs into commands.json.
 */
export const commands: CommandTable = new CommandTable(data as unknown as CommandTableData);
