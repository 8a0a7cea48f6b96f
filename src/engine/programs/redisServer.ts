import programsData from '../data/programs.json';
import { imageFacts } from './ImageFacts';
import { notSimulatedMessage } from './notSimulated';
import type { Program } from './Program';
import { strftime } from './strftime';

const redis = programsData.redis;

/**
 * `redis-server` of the redis image, as PID 1 (the entrypoint execs it via
 * gosu): the default start lines of programs.json in their non-TTY form
 * (no module lines, no memory-overcommit warning: the lab's host has
 * overcommit enabled, like Docker Desktop), then it waits. SIGTERM or
 * SIGINT (`docker stop`) makes it save and exit 0 with redis's shutdown
 * lines. `--port N` changes the port it reports.
 *
 * Not simulated: the Redis protocol (nothing answers on 6379), config
 * files, `redis-cli`.
 */
export const redisServer: Program = async (ctx) => {
  const facts = imageFacts(ctx.family, ctx.imageReference);
  const version = facts.env.get('REDIS_VERSION') ?? '8.10.1';
  const args = ctx.argv.slice(1);
  let port = '6379';
  if (args.length && !args[0].startsWith('--')) {
    ctx.stderr(notSimulatedMessage(`redis-server with a configuration file (${args[0]})`));
    return 1;
  }
  // `--name value...` options; the values of an option run until the next `--`.
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port' && args[i + 1] !== undefined) port = args[i + 1];
  }
  const pid = 1;
  const stamp = () => {
    const now = ctx.now();
    return `${strftime('%d %b %Y %H:%M:%S', now)}.${String(now % 1000).padStart(3, '0')}`;
  };
  if (!ctx.resumed) {
    for (const [index, line] of redis.defaultStartLines.entries()) {
      // 0: the overcommit warning (only on hosts with vm.overcommit_memory=0); 6: the module lines.
      if (index === 0 || index === 6) continue;
      ctx.stdout(`${line.text
        .replace(/\{pid\}/g, String(pid))
        .replace('{ts}', stamp())
        .replace('{redisVersion}', version)
        .replace('{0|1}', '1')
        .replace('port=6379.', `port=${port}.`)}\n`);
    }
  }
  ctx.handleSignals(['SIGTERM', 'SIGINT']);
  const signal = await ctx.nextSignal();
  ctx.stdout(`${pid}:signal-handler (${Math.floor(ctx.now() / 1000)}) Received ${signal} scheduling shutdown...\n`);
  for (const line of redis.stopOnSIGTERM.slice(1)) {
    ctx.stdout(`${line.replace('{pid}', String(pid)).replace('{ts}', stamp())}\n`);
  }
  return 0;
};
