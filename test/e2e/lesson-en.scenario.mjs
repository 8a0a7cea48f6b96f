// A lesson in English, driven like a learner: open it from the Lessons view,
// press "Run in terminal" on its first command, and watch the exercise pass in
// the lesson and in the tree. Settings: lesson-en.settings.json.
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --settings test/e2e/lesson-en.settings.json --scenario test/e2e/lesson-en.scenario.mjs --shots out/e2e-shots --size 1680x1000
import { playLesson } from './lessonSteps.mjs';

export default (context) => playLesson(context, {
  lessonRow: 'The everyday commands',
  command: 'docker run -d -p 8080:80 --name web nginx:1.28.0',
  passedText: 'Passed',
  treeProgress: '1/3 exercises',
  screenshot: 'lesson-en.png',
});
