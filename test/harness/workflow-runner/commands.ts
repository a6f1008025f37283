import type { SecretMasker } from './masker.ts';

/** An `::error`, `::warning` or `::notice` a step printed. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  title?: string;
  /** The job (path) and step that printed it. */
  job: string;
  step: string;
}

/** Lines kept per step. */
export const MAX_LOG_LINES = 100_000;

function unescapeData(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/g, '%');
}

/**
 * Reads the workflow commands a step prints (`::add-mask::`, `::error …::`,
 * `::group::`, `::stop-commands::`…) as the runner does, line by line, and
 * keeps the masked log. Commands GitHub has disabled (`set-env`,
 * `add-path`) fail the step; `set-output` and `save-state` are ignored
 * with a warning, as on GitHub today.
 */
export class CommandProcessor {
  readonly log: string[] = [];
  readonly annotations: Annotation[] = [];
  /** A disabled command was used: the step fails with this message. */
  failure: string | undefined;
  #stopToken: string | undefined;
  readonly #partial = new Map<string, string>();
  readonly #masker: SecretMasker;
  readonly #where: { job: string; step: string };
  readonly #debug: boolean;

  constructor(masker: SecretMasker, where: { job: string; step: string }, opts: { debug?: boolean } = {}) {
    this.#masker = masker;
    this.#where = where;
    this.#debug = opts.debug ?? false;
  }

  /** Feeds a chunk of one stream's output; complete lines are processed. */
  write(chunk: string, stream = 'stdout'): void {
    const text = (this.#partial.get(stream) ?? '') + chunk;
    const lines = text.split('\n');
    this.#partial.set(stream, lines.pop() ?? '');
    for (const line of lines) this.line(line.replace(/\r$/, ''));
  }

  end(): void {
    for (const rest of this.#partial.values()) if (rest !== '') this.line(rest);
    this.#partial.clear();
  }

  /** Adds a line the runner itself writes (not parsed for commands). */
  info(line: string): void {
    for (const l of line.split('\n')) this.log.push(this.#masker.mask(l));
  }

  annotate(level: Annotation['level'], message: string): void {
    this.annotations.push({ level, message: this.#masker.mask(message), ...this.#where });
    this.info(`##[${level}]${message}`);
  }

  line(line: string): void {
    // a runaway step must not take the test process's memory: keep the first lines, say so once
    if (this.log.length >= MAX_LOG_LINES) {
      if (this.log.length === MAX_LOG_LINES) this.log.push(`##[warning]log truncated after ${MAX_LOG_LINES} lines`);
      return;
    }
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (this.#stopToken !== undefined) {
      if (m && m[1] === this.#stopToken) this.#stopToken = undefined;
      this.log.push(this.#masker.mask(line));
      return;
    }
    if (!m) {
      this.log.push(this.#masker.mask(line));
      return;
    }
    const [, command = '', props = '', rawData = ''] = m;
    const data = unescapeData(rawData);
    const properties: Record<string, string> = {};
    for (const pair of props.split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
    }
    switch (command) {
      case 'add-mask':
        this.#masker.add(data);
        this.log.push('::add-mask::***');
        return;
      case 'error':
      case 'warning':
      case 'notice': {
        const a: Annotation = { level: command, message: this.#masker.mask(data), ...this.#where };
        if (properties.file) a.file = properties.file;
        if (properties.line) a.line = Number(properties.line);
        if (properties.col) a.column = Number(properties.col);
        if (properties.title) a.title = this.#masker.mask(properties.title);
        this.annotations.push(a);
        this.log.push(this.#masker.mask(`##[${command}]${data}`));
        return;
      }
      case 'debug':
        if (this.#debug) this.log.push(this.#masker.mask(`##[debug]${data}`));
        return;
      case 'group':
        this.log.push(this.#masker.mask(`##[group]${data}`));
        return;
      case 'endgroup':
        this.log.push('##[endgroup]');
        return;
      case 'stop-commands':
        this.#stopToken = data;
        this.log.push(this.#masker.mask(line));
        return;
      case 'echo':
        this.log.push(this.#masker.mask(line));
        return;
      case 'set-env':
      case 'add-path':
        this.failure = `The \`${command}\` command is disabled. Please upgrade to using Environment Files.`;
        this.annotate('error', this.failure);
        return;
      case 'set-output':
      case 'save-state':
        this.annotate(
          'warning',
          `The \`${command}\` command is deprecated and ignored by this runner. Use Environment Files (GITHUB_OUTPUT, GITHUB_STATE).`,
        );
        return;
      default:
        this.log.push(this.#masker.mask(line));
    }
  }
}
