// The same lesson in Korean (dockerLab.lessonLanguage: ko, lesson-ko.settings.json):
// press "터미널에서 실행", see the exercise pass, then reload the window and find the
// progress and the open lesson as they were.
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --settings test/e2e/lesson-ko.settings.json --scenario test/e2e/lesson-ko.scenario.mjs --shots out/e2e-shots --size 1680x1000
import { lessonFrame, playLesson, waitForWorkbench } from './lessonSteps.mjs';

export default async (context) => {
  const { page, expectText, sleep } = context;
  await playLesson(context, {
    lessonRow: '매일 쓰는 명령어',
    command: 'docker run -d -p 8080:80 --name web nginx:1.28.0',
    passedText: '통과',
    treeProgress: '1/3 exercises',
    screenshot: 'lesson-ko.png',
  });
  // A reload: the lesson view comes back (webview serializer) with the exercise still passed,
  // and the Lessons view still counts it.
  await page.reload();
  await waitForWorkbench(page, sleep);
  const frame = await lessonFrame(page, 30000);
  await frame.locator('.exercise[data-status="passed"]').first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('after the reload the lesson view does not show the passed exercise'); });
  await expectText('1/3 exercises', 'page', 20000);
};
