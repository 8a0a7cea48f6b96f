import type { Course } from './course';
import { nextLesson, previousLesson } from './course';
import { describeCheck } from './describe';
import type { ExerciseState } from './ExerciseTracker';
import type { Lesson } from './lesson';
import { LESSON_STRINGS } from './lessonStrings';
import { escapeHtml, renderInline, renderLessonMarkdown } from './render';

/**
 * The lesson view's content (what goes inside the webview's <body>): the
 * header with the lesson's place in the course and its tools, the lesson
 * itself, its exercises with hint / goal / solution to reveal, and links to
 * the lessons around it. Live state (which exercises pass, which checks hold)
 * is applied by the webview's script from `ExerciseState`s, so the page is
 * rendered once per lesson.
 */
export function renderLessonPage(lesson: Lesson, course: Course, states: readonly ExerciseState[]): string {
  const words = LESSON_STRINGS[lesson.language];
  const index = course.lessons.findIndex((l) => l.id === lesson.id);
  const chapter = course.chapters.find((c) => c.id === lesson.chapter);
  const previous = previousLesson(course, lesson.id);
  const next = nextLesson(course, lesson.id);
  const labels = { run: words.run, copy: words.copy };

  const exercises = lesson.exercises.map((exercise, n) => {
    const state = states.find((s) => s.id === exercise.id);
    const checks = exercise.checks.map((check, i) =>
      `<li data-check="${i}" class="${state?.checks[i] ? 'holds' : ''}"><span class="check-mark" aria-hidden="true"></span>${renderInline(describeCheck(check, lesson.language))}</li>`).join('');
    const solution = renderLessonMarkdown(['```sh', ...exercise.solution, '```'].join('\n'), labels);
    const id = escapeHtml(exercise.id);
    return `<section class="exercise" data-exercise="${id}" data-status="${state?.status ?? 'locked'}" aria-labelledby="exercise-${id}">
  <div class="exercise-head">
    <span class="status-icon" aria-hidden="true"></span>
    <h3 id="exercise-${id}">${escapeHtml(words.exercise)} ${n + 1}. ${escapeHtml(exercise.title)}</h3>
    <span class="status-text" data-passed="${escapeHtml(words.passed)}" data-active="${escapeHtml(words.active)}" data-locked="${escapeHtml(words.locked)}" role="status"></span>
  </div>
  <p class="goal-text">${renderInline(exercise.goal)}</p>
  <div class="exercise-actions">
    <button data-toggle="hint" aria-expanded="false">${escapeHtml(words.hint)}</button>
    <button data-toggle="goal" aria-expanded="false">${escapeHtml(words.goal)}</button>
    <button data-toggle="solution" aria-expanded="false">${escapeHtml(words.solution)}</button>
  </div>
  <div class="reveal" data-reveal="hint" hidden><p>${renderInline(exercise.hint)}</p></div>
  <div class="reveal" data-reveal="goal" hidden><h4>${escapeHtml(words.goalHeading)}</h4><ul class="checks">${checks}</ul></div>
  <div class="reveal" data-reveal="solution" hidden><p>${escapeHtml(words.solutionNote)}</p>${solution}</div>
</section>`;
  }).join('\n');

  const fileNames = Object.keys(lesson.files);
  const filesSection = fileNames.length === 0 ? '' : `<section class="lesson-files">
<h2>${escapeHtml(words.filesHeading)}</h2>
<p>${renderInline(words.filesNote)}</p>
<ul>${fileNames.map((name) => `<li><code>${escapeHtml(name)}</code></li>`).join('')}</ul>
<button data-action="createFiles">${escapeHtml(words.createFiles)}</button>
</section>
`;

  const navButton = (target: Lesson | undefined, label: string, rel: string) => target
    ? `<button class="nav-${rel}" data-action="open" data-lesson="${escapeHtml(target.id)}">${escapeHtml(label)}: ${escapeHtml(target.title)}</button>`
    : '<span></span>';

  return `<header class="lesson-header">
  <div class="crumbs">${escapeHtml(chapter?.title ?? '')} · ${escapeHtml(words.lessonOf(index + 1, course.lessons.length))}</div>
  <div class="toolbar">
    <button data-action="reset">${escapeHtml(words.resetLesson)}</button>
    <button data-action="undo" id="undo">${escapeHtml(words.undo)}</button>
  </div>
</header>
<main class="lesson-body" data-lesson="${escapeHtml(lesson.id)}" lang="${lesson.language}">
${renderLessonMarkdown(lesson.body, labels)}
${filesSection}<section class="exercises">
<h2>${escapeHtml(words.exercises)}</h2>
${exercises}
<p class="all-done" hidden>${escapeHtml(words.allDone)}</p>
</section>
</main>
<nav class="lesson-nav">${navButton(previous, words.previous, 'previous')}${navButton(next, words.next, 'next')}</nav>`;
}
