import { expect, it } from 'vitest';

it('runs on Node 24 (the node package installed as a dev dependency)', () => {
  expect(process.versions.node.startsWith('24.')).toBe(true);
});
