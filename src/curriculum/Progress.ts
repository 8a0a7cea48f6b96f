/** Where a learner is in the course, as saved (and synced across machines). */
export interface ProgressData {
  version: 1;
  /** `lessonId/exerciseId` -> ISO time it was first passed. */
  passed: Record<string, string>;
  /** The lesson the learner is on (opened last). */
  current?: string;
}

/** An exercise's standing in the lesson view. */
export type ExerciseStatus = 'passed' | 'active' | 'locked';

/**
 * The learner's progress: which exercises passed (once passed, always
 * passed, like a finished level) and which lesson is current. Plain data in,
 * plain data out; the extension keeps it in global state.
 */
export class Progress {
  private data: ProgressData;

  constructor(saved?: unknown) {
    this.data = Progress.validate(saved);
  }

  private static validate(saved: unknown): ProgressData {
    const data = saved as Partial<ProgressData> | undefined;
    if (!data || data.version !== 1 || typeof data.passed !== 'object' || data.passed === null) return { version: 1, passed: {} };
    const passed: Record<string, string> = {};
    for (const [key, value] of Object.entries(data.passed)) if (typeof value === 'string') passed[key] = value;
    return { version: 1, passed, current: typeof data.current === 'string' ? data.current : undefined };
  }

  get current(): string | undefined {
    return this.data.current;
  }

  set current(lessonId: string | undefined) {
    this.data.current = lessonId;
  }

  isPassed(lessonId: string, exerciseId: string): boolean {
    return `${lessonId}/${exerciseId}` in this.data.passed;
  }

  /** Records a pass; false when it was already recorded. */
  markPassed(lessonId: string, exerciseId: string, when: Date): boolean {
    const key = `${lessonId}/${exerciseId}`;
    if (key in this.data.passed) return false;
    this.data.passed[key] = when.toISOString();
    return true;
  }

  forgetAll(): void {
    this.data = { version: 1, passed: {} };
  }

  /** Statuses of a lesson's exercises, in order: passed ones, then the first unpassed (active), then locked. */
  statuses(lessonId: string, exerciseIds: readonly string[]): ExerciseStatus[] {
    let activeGiven = false;
    return exerciseIds.map((id) => {
      if (this.isPassed(lessonId, id)) return 'passed';
      if (activeGiven) return 'locked';
      activeGiven = true;
      return 'active';
    });
  }

  toJSON(): ProgressData {
    return structuredClone(this.data);
  }
}
