import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import { seededRandom } from '../../../src/engine/util/seededRandom';
import { EngineLabView, evaluateCheck } from '../../../src/curriculum/checks';
import type { Course } from '../../../src/curriculum/course';
import { loadCourse } from '../../../src/curriculum/course';
import { describeCheck } from '../../../src/curriculum/describe';
import type { Exercise, LessonLanguage } from '../../../src/curriculum/lesson';
import { LESSON_LANGUAGES } from '../../../src/curriculum/lesson';
import { codeBlocks, renderLessonMarkdown, runnableLines } from '../../../src/curriculum/render';
import { runLines } from '../../../src/curriculum/runLines';
import { MemoryHostFiles } from '../helpers/MemoryHostFiles';

// The shipped lessons, checked as a learner would meet them: every solution,
// run on a fresh lab after the lesson's setup, passes its exercise (and not
// before); ko and en teach the same exercises with the same commands; every
// "Run in terminal" line is one the lab accepts.

const root = path.resolve(__dirname, '../../../..');
const lessonsDir = process.env.DOCKER_LAB_LESSONS ?? path.join(root, 'lessons');

function readCourse(language: LessonLanguage): Course {
  const dir = path.join(lessonsDir, language);
  const files = fs.readdirSync(dir).map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
  return loadCourse(language, files);
}

/** A fresh lab on a manual clock (a lesson's commands take no real time), with the lesson's files in the learner's workspace. */
function freshLab(files: Readonly<Record<string, string>> = {}) {
  const clock = new ManualClock();
  const engine = new Engine({ clock, random: seededRandom(7), pullSecondsPerMegabyte: 0 });
  const view = new EngineLabView(engine);
  const host = new MemoryHostFiles('/home/learner/lab', { ...files });
  const run = (lines: readonly string[]) => clock.settle(runLines(engine, lines, host), 3600_000);
  return { engine, view, run };
}

const passed = (exercise: Exercise, view: EngineLabView) => exercise.checks.every((check) => evaluateCheck(check, view));

const courses = Object.fromEntries(LESSON_LANGUAGES.map((language) => [language, readCourse(language)])) as Record<LessonLanguage, Course>;

suite('lessons: ko and en teach the same course', () => {
  test('the same chapters and lessons, in the same order', () => {
    assert.ok(courses.ko.lessons.length >= 11, `${courses.ko.lessons.length} Korean lessons; the syllabus has 11`);
    assert.deepEqual(courses.en.chapters.map((c) => c.id), courses.ko.chapters.map((c) => c.id));
    assert.deepEqual(courses.en.lessons.map((l) => l.id), courses.ko.lessons.map((l) => l.id));
  });

  for (const ko of courses.ko.lessons) {
    test(`${ko.id}: same setup, exercises, checks, solutions and code blocks`, () => {
      const en = courses.en.lessons.find((lesson) => lesson.id === ko.id);
      assert.ok(en, `lessons/en has no lesson "${ko.id}"`);
      assert.equal(en.chapter, ko.chapter);
      assert.deepEqual(en.setup, ko.setup);
      assert.deepEqual(Object.keys(en.files), Object.keys(ko.files));
      assert.deepEqual(en.exercises.map((e) => e.id), ko.exercises.map((e) => e.id));
      for (const [index, exercise] of ko.exercises.entries()) {
        assert.deepEqual(en.exercises[index].checks, exercise.checks, `${exercise.id}: checks differ`);
        assert.deepEqual(en.exercises[index].solution, exercise.solution, `${exercise.id}: solutions differ`);
      }
      assert.deepEqual(codeBlocks(en.body), codeBlocks(ko.body), 'the code blocks differ');
    });
  }
});

for (const language of LESSON_LANGUAGES) {
  suite(`lessons (${language}): every exercise is checked by the lab`, () => {
    for (const lesson of courses[language].lessons) {
      test(`${lesson.id}: each solution passes its exercise, and nothing passes before it`, async () => {
        assert.ok(lesson.exercises.length > 0, 'a lesson needs at least one exercise');
        const lab = freshLab(lesson.files);
        const setup = await lab.run(lesson.setup);
        assert.equal(setup.status, 0, `setup failed:\n${setup.output}`);
        lab.view.reset();
        for (const exercise of lesson.exercises) {
          assert.ok(!passed(exercise, lab.view), `${exercise.id} already passes before its solution: its checks test nothing`);
          const run = await lab.run(exercise.solution);
          for (const line of run.lines) assert.equal(line.status, 0, `${exercise.id}: \`${line.text}\` exited ${line.status}:\n${run.output}`);
          const failing = exercise.checks.filter((check) => !evaluateCheck(check, lab.view)).map((check) => describeCheck(check, language));
          assert.deepEqual(failing, [], `${exercise.id}: after its solution these checks fail:\n${run.output}`);
        }
      });

      test(`${lesson.id}: renders, and every "Run in terminal" line is one the lab accepts`, async () => {
        const html = renderLessonMarkdown(lesson.body, { run: 'Run', copy: 'Copy' });
        assert.ok(html.length > 200, 'the lesson has hardly any text');
        assert.ok(/<h1[ >]/.test(html), 'a lesson starts with a # title');
        for (const exercise of lesson.exercises) {
          for (const check of exercise.checks) assert.ok(describeCheck(check, language).length > 5);
          for (const text of [exercise.title, exercise.goal, exercise.hint]) assert.ok(text.length > 3);
        }
        const lab = freshLab(lesson.files);
        await lab.run(lesson.setup);
        for (const line of runnableLines(lesson.body)) {
          const run = await lab.run([line]);
          const { status } = run.lines[0] ?? { status: 0 };
          assert.notEqual(status, 127, `\`${line}\`: command not found`);
          assert.ok(!/not simulated/.test(run.output), `\`${line}\`: ${run.output}`);
          assert.ok(!/--help' for more information|See 'docker .*--help'|unknown (flag|shorthand flag|command)/.test(run.output), `\`${line}\` is not a valid docker command:\n${run.output}`);
        }
      });
    }
  });
}
