import { WorkflowError } from './errors.ts';

/**
 * Parses a GITHUB_OUTPUT or GITHUB_ENV file as the runner does: `name=value`
 * lines, and `name<<DELIMITER` … `DELIMITER` blocks for multi-line values;
 * blank lines are skipped. A block without its closing delimiter, or a line
 * that is neither form, fails the step that wrote it.
 */
export function parseFileCommand(text: string, what: 'GITHUB_OUTPUT' | 'GITHUB_ENV' | 'GITHUB_STATE'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (delimiter === '') throw new WorkflowError('FILE_COMMAND_INVALID', `${what}: invalid format '${line}': the delimiter is empty`);
      const value: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        value.push(lines[i] ?? '');
      }
      if (!closed) throw new WorkflowError('FILE_COMMAND_INVALID', `${what}: matching delimiter not found '${delimiter}' for '${name}'`);
      out.push([name, value.join('\n')]);
    } else if (eq > 0) {
      out.push([line.slice(0, eq), line.slice(eq + 1)]);
    } else {
      throw new WorkflowError('FILE_COMMAND_INVALID', `${what}: invalid format '${line}': expected name=value or name<<DELIMITER`);
    }
  }
  return out;
}

/** Parses a GITHUB_PATH file: one folder a line. */
export function parsePathFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
