// The Dockerfile lesson, driven like a learner: open it, press "Create in workspace" for the
// lesson's files (the Dockerfile opens in the editor), press "Run in terminal" on
// `docker build`, and watch the build's steps in the terminal and the image appear.
// Screenshot: lesson-build.png. Settings: lesson-build.settings.json.
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --settings test/e2e/lesson-build.settings.json --scenario test/e2e/lesson-build.scenario.mjs --shots out/e2e-shots --size 1680x1000
import { clickTreeRow, lessonFrame } from './lessonSteps.mjs';

export default async ({ page, step, expectText }) => {
  await step({ activity: 'Docker Lab' });
  await clickTreeRow(page, 'Dockerfile');
  const frame = await lessonFrame(page);
  const files = frame.locator('section.lesson-files');
  await files.scrollIntoViewIfNeeded();
  await files.locator('button[data-action="createFiles"]').click();
  // The Dockerfile opens in the editor beside the lesson.
  await expectText('lesson=dockerfile', 'page', 20000);
  const block = frame.locator('.code-block', { hasText: 'docker build -t my-site:1.0 .' }).first();
  await block.scrollIntoViewIfNeeded();
  await block.locator('button.code-run').click();
  await expectText('naming to docker.io/library/my-site:1.0', 'terminal', 60000);
  // The new image is in the Images view.
  await expectText('my-site', 'page', 20000);
  // Once more, by hand: nothing changed, so every step comes from the build cache.
  await step({ terminalType: 'clear' });
  await step({ terminalType: 'docker build -t my-site:1.0 .' });
  // A terminal gets BuildKit's TTY display: its final frame, each step on a line.
  await expectText('naming to docker.io/library/my-site:1.0', 'terminal', 30000);
  await expectText('CACHED [2/2] COPY index.html', 'terminal', 30000);
  await step({ screenshot: 'lesson-build.png', settle: 1000 });
};
