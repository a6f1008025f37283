/**
 * Replaces every registered secret with `***` in text the runner keeps
 * (step logs, annotations, summaries, error messages), as GitHub's runner
 * does: the value itself, each line of a multi-line value, and the forms a
 * value commonly leaks in (base64, URL-encoded, JSON-escaped).
 */
export class SecretMasker {
  readonly #values = new Set<string>();
  #sorted: string[] | undefined;

  add(secret: string | undefined): void {
    if (secret === undefined) return;
    const forms = new Set<string>();
    const add = (v: string) => {
      if (v.trim().length > 0) forms.add(v);
    };
    add(secret);
    for (const line of secret.split(/\r?\n/)) add(line.trim());
    for (const v of [...forms]) {
      add(Buffer.from(v).toString('base64').replace(/=+$/, ''));
      add(encodeURIComponent(v));
      add(JSON.stringify(v).slice(1, -1));
    }
    for (const v of forms) this.#values.add(v);
    this.#sorted = undefined;
  }

  /** Whether `text` contains a registered secret. */
  has(text: string): boolean {
    for (const v of this.#values) if (text.includes(v)) return true;
    return false;
  }

  mask(text: string): string {
    if (this.#values.size === 0 || text === '') return text;
    this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const v of this.#sorted) if (out.includes(v)) out = out.split(v).join('***');
    return out;
  }
}
