import { imageFacts } from './ImageFacts';
import { notSimulatedMessage } from './notSimulated';
import type { Program } from './Program';

/**
 * `node` and `python3`, as far as they are simple: `--version` prints the
 * image's version, and run with no script, no terminal and an input that
 * is empty (plain `docker run node`, whose stdin is closed) they read end
 * of input and exit 0 without a word, as the real ones do. A REPL (with a
 * terminal), a script or code on stdin is not simulated.
 */
export function languageRuntime(language: 'node' | 'python'): Program {
  return async (ctx) => {
    const facts = imageFacts(ctx.family, ctx.imageReference);
    const args = ctx.argv.slice(1);
    const what = language === 'node' ? 'node' : 'python3';
    if (args.length === 1 && (args[0] === '--version' || args[0] === (language === 'node' ? '-v' : '-V'))) {
      ctx.stdout(language === 'node' ? `v${facts.env.get('NODE_VERSION') ?? ''}\n` : `Python ${facts.env.get('PYTHON_VERSION') ?? ''}\n`);
      return 0;
    }
    if (args.length > 0) {
      ctx.stderr(notSimulatedMessage(`${what} ${args[0].startsWith('-') ? args[0] : 'running a script'}`));
      return 1;
    }
    if (ctx.tty) {
      ctx.stderr(notSimulatedMessage(`the ${language === 'node' ? 'Node.js' : 'Python'} REPL`));
      return 1;
    }
    for (let line = await ctx.readLine(); line !== null; line = await ctx.readLine()) {
      if (line.trim() !== '') {
        ctx.stderr(notSimulatedMessage(`running ${language === 'node' ? 'JavaScript' : 'Python'} code`));
        return 1;
      }
    }
    return 0;
  };
}
