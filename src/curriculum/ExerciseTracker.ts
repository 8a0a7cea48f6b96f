import type { LabView } from './checks';
import { evaluateCheck } from './checks';
import type { Lesson } from './lesson';
import type { ExerciseStatus, Progress } from './Progress';

/** One exercise's standing, with each of its checks as the lab stands now. */
export interface ExerciseState {
  readonly id: string;
  readonly status: ExerciseStatus;
  /** Whether each check holds right now (for the "show goal" view). */
  readonly checks: readonly boolean[];
}

/**
 * Checks a lesson's exercises against the lab, in order: the active one (the
 * first not yet passed) is evaluated, and when all its checks hold it is
 * recorded as passed and the next becomes active, so one command can finish
 * several. Called after every engine change; pure apart from `progress`.
 */
export function trackExercises(lesson: Lesson, lab: LabView, progress: Progress, now: Date): { states: ExerciseState[]; newlyPassed: string[] } {
  const newlyPassed: string[] = [];
  for (const exercise of lesson.exercises) {
    if (progress.isPassed(lesson.id, exercise.id)) continue;
    if (!exercise.checks.every((check) => evaluateCheck(check, lab))) break;
    progress.markPassed(lesson.id, exercise.id, now);
    newlyPassed.push(exercise.id);
  }
  const statuses = progress.statuses(lesson.id, lesson.exercises.map((exercise) => exercise.id));
  const states = lesson.exercises.map((exercise, index) => ({
    id: exercise.id,
    status: statuses[index],
    checks: exercise.checks.map((check) => evaluateCheck(check, lab)),
  }));
  return { states, newlyPassed };
}
