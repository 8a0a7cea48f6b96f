import * as vscode from 'vscode';
import { lessonTitle } from '../curriculum/lessonTitle';
import { Disposable } from '../Disposable';

/** A lesson file as the Lessons view lists it. */
export interface LessonNode {
  readonly uri: vscode.Uri;
  readonly title: string;
}

/** The lesson language: Korean when VS Code speaks Korean, English otherwise. */
export function lessonLanguage(): 'ko' | 'en' {
  return vscode.env.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/**
 * The Lessons view: the Markdown lessons shipped in `lessons/<language>/`,
 * in file-name order (`01-…`, `02-…`), in VS Code's display language, or in
 * the other language when that folder is empty. Empty: the welcome view shows.
 */
export class LessonsTreeProvider extends Disposable implements vscode.TreeDataProvider<LessonNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly lessonsRoot: vscode.Uri) {
    super();
  }

  refresh(): void {
    this.changeEmitter.fire();
  }

  async getChildren(element?: LessonNode): Promise<LessonNode[]> {
    if (element) return [];
    const preferred = lessonLanguage();
    for (const language of [preferred, preferred === 'ko' ? 'en' : 'ko']) {
      const lessons = await this.lessonsIn(vscode.Uri.joinPath(this.lessonsRoot, language));
      if (lessons.length > 0) return lessons;
    }
    return [];
  }

  getTreeItem(node: LessonNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
    item.id = node.uri.toString();
    item.iconPath = new vscode.ThemeIcon('book');
    item.contextValue = 'lesson';
    item.command = { command: 'dockerLab.openLesson', title: vscode.l10n.t('Open Lesson'), arguments: [node] };
    return item;
  }

  private async lessonsIn(folder: vscode.Uri): Promise<LessonNode[]> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return [];
    }
    const files = entries
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
      .map(([name]) => name)
      .sort();
    return Promise.all(files.map(async (name) => {
      const uri = vscode.Uri.joinPath(folder, name);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return { uri, title: lessonTitle(text, name.replace(/\.md$/, '')) };
    }));
  }
}
