import type { LessonLanguage } from './lesson';

/**
 * The lesson view's own words. They follow the lesson's language, not VS
 * Code's: a learner reading Korean lessons in an English VS Code sees Korean
 * buttons beside Korean text.
 */
export const LESSON_STRINGS = {
  en: {
    run: 'Run in terminal',
    copy: 'Copy',
    copied: 'Copied',
    exercises: 'Try it',
    exercise: 'Exercise',
    hint: 'Hint',
    goal: 'Show goal',
    solution: 'Show solution',
    passed: 'Passed',
    active: 'To do',
    locked: 'After the one above',
    resetLesson: 'Reset lesson',
    undo: 'Undo',
    previous: 'Previous',
    next: 'Next',
    lessonOf: (n: number, total: number) => `Lesson ${n} of ${total}`,
    allDone: 'Every exercise of this lesson is done.',
    goalHeading: 'The lab when you are done',
    solutionNote: 'One way to get there:',
    filesHeading: 'Files for this lesson',
    filesNote: 'The lesson works with these files in your workspace folder, where `docker build .` and `docker cp` find them.',
    createFiles: 'Create in workspace',
  },
  ko: {
    run: '터미널에서 실행',
    copy: '복사',
    copied: '복사됨',
    exercises: '직접 해 보기',
    exercise: '실습',
    hint: '힌트',
    goal: '목표 보기',
    solution: '정답 보기',
    passed: '통과',
    active: '할 차례',
    locked: '앞 실습을 마치면 열립니다',
    resetLesson: '레슨 초기화',
    undo: '되돌리기',
    previous: '이전',
    next: '다음',
    lessonOf: (n: number, total: number) => `레슨 ${n} / ${total}`,
    allDone: '이 레슨의 실습을 모두 마쳤습니다.',
    goalHeading: '다 마쳤을 때 랩의 모습',
    solutionNote: '이렇게 하면 됩니다:',
    filesHeading: '이 레슨에서 쓰는 파일',
    filesNote: '이 레슨은 작업 폴더(workspace)에 있는 아래 파일을 씁니다. `docker build .`와 `docker cp`가 이 폴더에서 파일을 찾습니다.',
    createFiles: '작업 폴더에 만들기',
  },
} satisfies Record<LessonLanguage, Record<string, string | ((n: number, total: number) => string)>>;
