import * as vscode from 'vscode';
import type { Chapter } from '../curriculum/course';
import type { Lesson } from '../curriculum/lesson';
import { Disposable } from '../Disposable';
import type { LessonService } from '../lessons/LessonService';
import { escapeMarkdown } from './presentation';

/** A row of the Lessons view. */
export type LessonNode =
  | { readonly kind: 'chapter'; readonly chapter: Chapter; readonly number: number }
  | { readonly kind: 'lesson'; readonly lesson: Lesson; readonly number: number };

/**
 * The Lessons view: chapters and their lessons in order, in the lesson
 * language, each lesson marked by progress (done, started, not started) and
 * the current one highlighted. Clicking a lesson opens it in the lesson view.
 */
export class LessonsTreeProvider extends Disposable implements vscode.TreeDataProvider<LessonNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly lessons: LessonService) {
    super();
    this._register(lessons.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.changeEmitter.fire();
  }

  getChildren(element?: LessonNode): LessonNode[] {
    const course = this.lessons.course;
    if (!element) return course.chapters.map((chapter, index) => ({ kind: 'chapter', chapter, number: index + 1 }));
    if (element.kind === 'lesson') return [];
    return element.chapter.lessons.map((lesson) => ({ kind: 'lesson', lesson, number: course.lessons.indexOf(lesson) + 1 }));
  }

  getParent(element: LessonNode): LessonNode | undefined {
    if (element.kind === 'chapter') return undefined;
    const chapters = this.lessons.course.chapters;
    const index = chapters.findIndex((chapter) => chapter.id === element.lesson.chapter);
    return index >= 0 ? { kind: 'chapter', chapter: chapters[index], number: index + 1 } : undefined;
  }

  getTreeItem(node: LessonNode): vscode.TreeItem {
    if (node.kind === 'chapter') {
      const done = node.chapter.lessons.filter((lesson) => this.isDone(lesson)).length;
      const item = new vscode.TreeItem(`${node.number}. ${node.chapter.title}`, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `chapter:${node.chapter.id}`;
      item.description = `${done}/${node.chapter.lessons.length}`;
      item.contextValue = 'chapter';
      return item;
    }
    const { lesson } = node;
    const passed = this.lessons.passedCount(lesson);
    const total = lesson.exercises.length;
    const current = this.lessons.progress.current === lesson.id;
    const label = `${node.number}. ${lesson.title}`;
    const item = new vscode.TreeItem(current ? { label, highlights: [[0, label.length]] } : label, vscode.TreeItemCollapsibleState.None);
    item.id = `lesson:${lesson.id}`;
    item.iconPath = passed === total && total > 0
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : passed > 0 ? new vscode.ThemeIcon('circle-large-filled') : new vscode.ThemeIcon('circle-large-outline');
    const progress = vscode.l10n.t('{0}/{1} exercises', passed, total);
    item.description = current ? `${progress} · ${vscode.l10n.t('current')}` : progress;
    item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(lesson.title)}**\n\n${escapeMarkdown(lesson.summary)}\n\n${progress}`);
    item.accessibilityInformation = { label: `${label}, ${progress}${current ? `, ${vscode.l10n.t('current')}` : ''}` };
    item.contextValue = 'lesson';
    item.command = { command: 'dockerLab.openLesson', title: vscode.l10n.t('Open Lesson'), arguments: [lesson.id] };
    return item;
  }

  private isDone(lesson: Lesson): boolean {
    return lesson.exercises.length > 0 && this.lessons.passedCount(lesson) === lesson.exercises.length;
  }
}
