import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DockerLabApi } from '../../src/extension';
import { activateLab, waitFor } from './lab';
import type { LessonNode } from '../../src/views/LessonsTreeProvider';

suite('Docker Lab lessons in VS Code', () => {
  let api: DockerLabApi;
  const config = () => vscode.workspace.getConfiguration('dockerLab');

  suiteSetup(async function () {
    this.timeout(60_000);
    api = await activateLab();
    await config().update('confirmRemove', false, vscode.ConfigurationTarget.Global);
    await config().update('lessonLanguage', 'en', vscode.ConfigurationTarget.Global);
    api.engine.reset();
  });

  suiteTeardown(async () => {
    await config().update('confirmRemove', undefined, vscode.ConfigurationTarget.Global);
    await config().update('lessonLanguage', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the Lessons view lists the chapters and their lessons in order', () => {
    const chapters = api.views.lessons.getChildren() as LessonNode[];
    assert.strictEqual(chapters.length, 5);
    const lessons = chapters.flatMap((chapter) => api.views.lessons.getChildren(chapter));
    assert.strictEqual(lessons.length, 11);
    assert.strictEqual(api.views.lessons.getTreeItem(chapters[0]).label, '1. Why Docker');
    assert.match(String(api.views.lessons.getTreeItem(lessons[7]).label), /^8\. The everyday commands$/);
  });

  test('opening a lesson shows it and makes it the current one', async () => {
    await vscode.commands.executeCommand('dockerLab.openLesson', 'basic-commands');
    const panel = await waitFor('the lesson view', () => api.lessons.lessonPanel);
    assert.strictEqual(panel.panel.title, 'The everyday commands');
    assert.strictEqual(api.lessons.current?.id, 'basic-commands');
    const row = (api.views.lessons.getChildren() as LessonNode[]).flatMap((c) => api.views.lessons.getChildren(c))
      .find((node) => node.kind === 'lesson' && node.lesson.id === 'basic-commands') as LessonNode;
    const item = api.views.lessons.getTreeItem(row);
    assert.match(String(item.description), /current/);
    assert.deepStrictEqual((item.label as vscode.TreeItemLabel).highlights, [[0, '8. The everyday commands'.length]]);
  });

  test('a command run in the Docker Lab terminal passes the exercise, in the lesson and in the tree', async () => {
    assert.deepStrictEqual(api.lessons.currentStates.map((s) => s.status), ['active', 'locked', 'locked']);
    await api.terminals.runLine('docker run -d -p 8080:80 --name web nginx:1.28.0');
    await waitFor('serve-nginx passed', () => api.lessons.progress.isPassed('basic-commands', 'serve-nginx'));
    assert.deepStrictEqual(api.lessons.currentStates.map((s) => s.status), ['passed', 'active', 'locked']);
    const lesson = api.lessons.current!;
    assert.strictEqual(api.lessons.passedCount(lesson), 1);
  });

  test('Undo takes back the last command that changed the lab; the pass stays', async () => {
    const idle = () => api.terminals.all.every((t) => api.terminals.shellOf(t)?.isBusy === false);
    await waitFor('idle terminals', idle);
    await api.terminals.runLine('docker stop web');
    await waitFor('web stopped', () => !api.engine.isContainerRunning('web'));
    await waitFor('the prompt', idle);
    assert.strictEqual(api.undo.next, 'docker stop web');
    await vscode.commands.executeCommand('dockerLab.undo');
    assert.ok(api.engine.isContainerRunning('web'), 'Undo brought web back up');
    assert.ok(api.lessons.progress.isPassed('basic-commands', 'serve-nginx'));
  });

  test('Reset lesson empties the lab to the lesson\'s start, and Undo brings the lab back', async () => {
    await vscode.commands.executeCommand('dockerLab.resetLesson');
    assert.deepStrictEqual(api.engine.containerList({ all: true }), []);
    await vscode.commands.executeCommand('dockerLab.undo');
    assert.ok(api.engine.isContainerRunning('web'));
  });

  test('progress is kept in global state, where the next window reads it', async () => {
    // What the next window (after a reload) reads back.
    const saved = await waitFor('saved progress', () => {
      const data = api.lessons.savedProgress();
      return data && 'basic-commands/serve-nginx' in data.passed && data;
    });
    assert.strictEqual(saved.current, 'basic-commands');
  });

  test('the lesson language follows the setting', async () => {
    await config().update('lessonLanguage', 'ko', vscode.ConfigurationTarget.Global);
    await waitFor('Korean lessons', () => api.lessons.language === 'ko');
    assert.strictEqual(api.lessons.current?.title, '매일 쓰는 명령어');
    const chapters = api.views.lessons.getChildren() as LessonNode[];
    assert.strictEqual(api.views.lessons.getTreeItem(chapters[0]).label, '1. 왜 Docker인가');
    await waitFor('the lesson view in Korean', () => api.lessons.lessonPanel?.panel.title === '매일 쓰는 명령어');
    await config().update('lessonLanguage', 'en', vscode.ConfigurationTarget.Global);
  });
});
