import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

/** A lab with a running alpine `box` that wrote /tmp/x. */
async function labWithNote(): Promise<TestLab> {
  const lab = new TestLab();
  await lab.ok('run', '-d', '--name', 'box', 'alpine', 'sleep', '1000');
  await lab.ok('exec', 'box', 'sh', '-c', 'echo hi > /tmp/x');
  return lab;
}

suite('docker commit', () => {
  test('prints the new image\'s ID, sha256: and 64 hex digits; REPOSITORY[:TAG] tags it (latest by default)', async () => {
    const lab = await labWithNote();
    const result = await lab.docker('commit', 'box', 'notes');
    assert.match(result.stdout, /^sha256:[0-9a-f]{64}\n$/);
    assert.deepStrictEqual([result.stderr, result.code], ['', 0]);
    const id = result.stdout.trim();
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}', 'notes'), `notes:latest ${id.slice(7, 19)}\n`);
    // Lab time stands still here, so committing again makes the same image; it keeps the tag it had.
    assert.strictEqual(await lab.ok('container', 'commit', 'box', 'notes:v2'), `${id}\n`);
    assert.strictEqual(await lab.ok('inspect', '-f', '{{.RepoTags}}', id), '[notes:latest notes:v2]\n');
  });

  test('without a reference the image is untagged', async () => {
    const lab = await labWithNote();
    const id = (await lab.ok('commit', 'box')).trim();
    assert.strictEqual(await lab.ok('inspect', '-f', '{{.RepoTags}}', id), '[]\n');
  });

  test('a container run from the new image sees the committed file', async () => {
    const lab = await labWithNote();
    await lab.ok('commit', 'box', 'notes');
    assert.deepStrictEqual(await lab.docker('run', '--rm', 'notes', 'cat', '/tmp/x'), { stdout: 'hi\n', stderr: '', code: 0 });
    // The new container starts from the image: nothing changed yet.
    await lab.ok('run', '-d', '--name', 'copy', 'notes', 'sleep', '1000');
    assert.strictEqual(await lab.ok('diff', 'copy'), '');
  });

  test('history shows the commit on top: the container\'s command as CREATED BY and -m as COMMENT', async () => {
    const lab = await labWithNote();
    await lab.ok('commit', '-m', 'a note', 'box', 'notes');
    const lines = (await lab.ok('history', '--format', '{{.CreatedBy}}|{{.Comment}}', 'notes')).split('\n');
    assert.deepStrictEqual(lines.slice(0, 2), ['sleep 1000|a note', 'CMD ["/bin/sh"]|']);
  });

  test('-a, -m and repeated -c set the author, the comment and the config (CMD, ENV)', async () => {
    const lab = await labWithNote();
    await lab.ok('commit', '-a', 'Ann <ann@example.com>', '-m', 'a note', '-c', 'CMD ["cat", "/tmp/x"]', '--change', 'ENV MODE=demo', 'box', 'notes');
    assert.strictEqual(await lab.ok('inspect', '-f', '{{.Author}}|{{.Comment}}|{{json .Config.Cmd}}', 'notes'), 'Ann <ann@example.com>|a note|["cat","/tmp/x"]\n');
    assert.match(await lab.ok('inspect', '-f', '{{json .Config.Env}}', 'notes'), /"MODE=demo"/);
    assert.strictEqual(await lab.ok('run', '--rm', 'notes'), 'hi\n');
  });

  test('--pause=false is accepted (the lab never needs to pause)', async () => {
    const lab = await labWithNote();
    assert.match(await lab.ok('commit', '--pause=false', 'box', 'notes'), /^sha256:[0-9a-f]{64}\n$/);
  });

  test('the client refuses a bad reference before asking the daemon, in distribution/reference\'s words', async () => {
    const lab = await labWithNote();
    const digest = `sha256:${'a'.repeat(64)}`;
    assert.deepStrictEqual(await lab.docker('commit', 'box', 'Notes'), { stdout: '', stderr: 'invalid reference format: repository name (library/Notes) must be lowercase\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('commit', 'box', 'a:b:c'), { stdout: '', stderr: 'invalid reference format\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('commit', 'box', `notes@${digest}`), { stdout: '', stderr: 'refusing to create a tag with a digest reference\n', code: 1 });
    // Even for a container that does not exist: the reference is checked first.
    assert.deepStrictEqual(await lab.docker('commit', 'nope', 'Notes'), { stdout: '', stderr: 'invalid reference format: repository name (library/Notes) must be lowercase\n', code: 1 });
    assert.strictEqual(await lab.ok('images', '-q', '--filter', 'dangling=true'), '');
  });

  test('errors: a blank container name (client), no such container and a change the daemon refuses', async () => {
    const lab = await labWithNote();
    assert.deepStrictEqual(await lab.docker('commit', ' ', 'notes'), { stdout: '', stderr: 'invalid container name or ID: value is empty\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('commit', 'nope'), { stdout: '', stderr: 'Error response from daemon: No such container: nope\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('commit', '-c', 'RUN echo', 'box'), { stdout: '', stderr: 'Error response from daemon: run is not a valid change command\n', code: 1 });
  });

  test('usage: one or two arguments, as docker 28.2.2 says', async () => {
    const lab = await labWithNote();
    const usage = (command: string) => ({
      stdout: '',
      stderr: `docker: 'docker ${command}' requires at least 1 and at most 2 arguments\n\nUsage:  docker ${command} [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nRun 'docker ${command} --help' for more information\n`,
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('commit'), usage('commit'));
    assert.deepStrictEqual(await lab.docker('commit', 'a', 'b', 'c'), usage('commit'));
    assert.deepStrictEqual(await lab.docker('container', 'commit'), usage('container commit'));
  });
});
