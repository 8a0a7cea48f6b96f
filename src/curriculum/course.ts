import { parse as parseYaml } from 'yaml';
import type { Lesson, LessonLanguage } from './lesson';
import { LessonError, parseLesson } from './lesson';

/** A chapter: lessons in order. */
export interface Chapter {
  readonly id: string;
  readonly title: string;
  readonly lessons: readonly Lesson[];
}

/** The whole syllabus in one language. */
export interface Course {
  readonly language: LessonLanguage;
  readonly chapters: readonly Chapter[];
  /** Every lesson, in reading order. */
  readonly lessons: readonly Lesson[];
}

/** A file of `lessons/<language>/`: its name and its text. */
export interface CourseFile {
  readonly name: string;
  readonly text: string;
}

/**
 * Builds a course from the files of one language folder: `chapters.yaml`
 * (the chapters' ids and titles, in order) and the lessons `NN-slug.md`,
 * read in file-name order. Throws LessonError for anything inconsistent.
 */
export function loadCourse(language: LessonLanguage, files: readonly CourseFile[], folder = `lessons/${language}`): Course {
  const chaptersFile = files.find((file) => file.name === 'chapters.yaml');
  const chapterList = chaptersFile ? parseChapters(chaptersFile.text, `${folder}/chapters.yaml`) : [];
  const lessons = files
    .filter((file) => file.name.endsWith('.md') && file.name !== 'README.md')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((file) => parseLesson(file.text, `${folder}/${file.name}`, language));
  const seen = new Map<string, string>();
  for (const lesson of lessons) {
    const other = seen.get(lesson.id);
    if (other) throw new LessonError(lesson.source, `the id "${lesson.id}" is also used by ${other}`);
    seen.set(lesson.id, lesson.source);
    if (!chapterList.some((chapter) => chapter.id === lesson.chapter)) {
      throw new LessonError(lesson.source, `chapter "${lesson.chapter}" is not in ${folder}/chapters.yaml`);
    }
  }
  const chapters = chapterList
    .map((chapter) => ({ ...chapter, lessons: lessons.filter((lesson) => lesson.chapter === chapter.id) }))
    .filter((chapter) => chapter.lessons.length > 0);
  return { language, chapters, lessons: chapters.flatMap((chapter) => chapter.lessons) };
}

function parseChapters(text: string, source: string): { id: string; title: string }[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new LessonError(source, `not valid YAML: ${error instanceof Error ? error.message : error}`);
  }
  const list = (data as { chapters?: unknown } | null)?.chapters;
  if (!Array.isArray(list)) throw new LessonError(source, 'expected "chapters:" with a list of { id, title }');
  return list.map((item, index) => {
    const { id, title } = (item ?? {}) as { id?: unknown; title?: unknown };
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id) || typeof title !== 'string' || !title.trim()) {
      throw new LessonError(source, `chapters[${index}]: expected { id: lower-case-id, title: text }`);
    }
    return { id, title: title.trim() };
  });
}

/** The lesson after `id` in reading order, if any. */
export function nextLesson(course: Course, id: string): Lesson | undefined {
  const index = course.lessons.findIndex((lesson) => lesson.id === id);
  return index >= 0 ? course.lessons[index + 1] : undefined;
}

/** The lesson before `id` in reading order, if any. */
export function previousLesson(course: Course, id: string): Lesson | undefined {
  const index = course.lessons.findIndex((lesson) => lesson.id === id);
  return index > 0 ? course.lessons[index - 1] : undefined;
}
