import { WorkflowError } from './errors.ts';

export type Level = 'none' | 'read' | 'write';
export type Permissions = Record<string, Level>;

/** The GITHUB_TOKEN scopes a workflow can set (GitHub's `permissions:` keys). */
export const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
] as const;

const ORDER: Record<Level, number> = { none: 0, read: 1, write: 2 };

function all(level: Level): Permissions {
  const out: Permissions = {};
  for (const s of SCOPES) out[s] = level;
  return out;
}

/**
 * The repository's default GITHUB_TOKEN permissions when a workflow declares
 * none: `restricted` (contents and packages read, GitHub's default for new
 * repositories) or `permissive` (read and write on everything but id-token).
 */
export function defaultPermissions(kind: 'restricted' | 'permissive'): Permissions {
  if (kind === 'permissive') return { ...all('write'), 'id-token': 'none' };
  return { ...all('none'), contents: 'read', packages: 'read' };
}

/** `permissions:` as written (`read-all`, `write-all`, `{}`, a mapping) → a level for every scope. */
export function normalizePermissions(value: unknown, where: string): Permissions {
  if (value === 'read-all') return { ...all('read'), 'id-token': 'none' };
  if (value === 'write-all') return all('write');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WorkflowError(
      'WORKFLOW_INVALID',
      `${where}: permissions must be read-all, write-all or a mapping, got ${JSON.stringify(value)}`,
    );
  }
  const out = all('none');
  for (const [scope, level] of Object.entries(value as Record<string, unknown>)) {
    if (!(SCOPES as readonly string[]).includes(scope))
      throw new WorkflowError('WORKFLOW_INVALID', `${where}: unknown permission scope '${scope}'`);
    if (level !== 'none' && level !== 'read' && level !== 'write') {
      throw new WorkflowError(
        'WORKFLOW_INVALID',
        `${where}: permission ${scope} must be none, read or write, got ${JSON.stringify(level)}`,
      );
    }
    out[scope] = level;
  }
  return out;
}

/** The scopes `asked` has above `allowed`, as GitHub words the refusal of a nested job. */
export function exceeding(asked: Permissions, allowed: Permissions): Array<{ scope: string; asked: Level; allowed: Level }> {
  const out: Array<{ scope: string; asked: Level; allowed: Level }> = [];
  for (const s of SCOPES) {
    const a = asked[s] ?? 'none';
    const b = allowed[s] ?? 'none';
    if (ORDER[a] > ORDER[b]) out.push({ scope: s, asked: a, allowed: b });
  }
  return out;
}

/** Only the scopes that are not `none`, for records and messages. */
export function granted(p: Permissions): Record<string, Level> {
  return Object.fromEntries(Object.entries(p).filter(([, l]) => l !== 'none'));
}
