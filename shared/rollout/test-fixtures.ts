/** Specs and templates for the rollout tests, read through the real spec loader. */
import { parseSpec, type Spec } from '../release/spec.ts';
import type { MetricConfig, RolloutConfig } from './config.ts';

export const SPEC_HEAD = `name: shop
package: shop:platform@1.0.0
components:
  gateway: ghcr.io/acme/gateway:1.0.0
  user-service: ghcr.io/acme/users:2.0.0
composition:
  plug:
    socket: gateway
`;

/** Indents every line of `text` by `n` spaces. */
export function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

/** The metrics of one template written as YAML (the template's own fields). */
export function metricsOf(templateYaml: string, file = '/work/flotilla.yaml'): MetricConfig[] {
  const text = `${SPEC_HEAD}rollout:\n  repository: ghcr.io/acme/shop\n  analysisTemplates:\n    t:\n${indent(templateYaml, 6)}\n`;
  const spec = parseSpec(file, text);
  return spec.rollout?.templates.get('t')?.metrics ?? [];
}

export function specWith(rolloutYaml: string, environmentsYaml = '', file = '/work/flotilla.yaml'): Spec & { rollout: RolloutConfig } {
  const text = `${SPEC_HEAD}rollout:\n${indent(rolloutYaml, 2)}\n${environmentsYaml ? `environments:\n${indent(environmentsYaml, 2)}\n` : ''}`;
  const spec = parseSpec(file, text);
  if (!spec.rollout) throw new Error('the spec has no rollout');
  return spec as Spec & { rollout: RolloutConfig };
}
