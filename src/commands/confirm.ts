import * as vscode from 'vscode';

/**
 * Asks a modal yes/no question with `action` as the yes button; true when
 * the learner chose it. With `dockerLab.confirmRemove` off (an instructor's
 * choice, or the integration tests), it does not ask.
 */
export async function confirm(message: string, action: string): Promise<boolean> {
  if (!vscode.workspace.getConfiguration('dockerLab').get<boolean>('confirmRemove', true)) return true;
  return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
}
