// ecommerce:search — ranked full-text search over the catalog it imports.
// Imports ecommerce:platform/catalog@1.0.0, exports ecommerce:platform/search@1.0.0.
//
// Score of a product for a query: for each query term, the best of
//   exact word in the name 3.0, prefix of a name word 1.5, exact tag 2.0,
//   category 1.5, word of the description 0.5;
// summed over the terms; products matching no term are left out.
import catalog from 'ecommerce:platform/catalog@1.0.0';
import { withCallLog } from '../../../lib/js/observe.js';

function words(text) {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function scoreTerm(term, p, nameWords, descriptionWords, matched) {
  const candidates = [];
  if (nameWords.includes(term)) candidates.push([3.0, 'name']);
  else if (term.length >= 3 && nameWords.some((w) => w.startsWith(term))) candidates.push([1.5, 'name']);
  if (p.tags.includes(term)) candidates.push([2.0, 'tags']);
  if (p.category === term) candidates.push([1.5, 'category']);
  if (descriptionWords.includes(term)) candidates.push([0.5, 'description']);
  if (candidates.length === 0) return 0;
  candidates.sort((a, b) => b[0] - a[0]);
  const [score, field] = candidates[0];
  matched.add(field);
  return score;
}

export const search = withCallLog('search', {
  query(text, limit) {
    const terms = [...new Set(words(text))];
    if (terms.length === 0 || limit === 0) return [];
    const hits = [];
    for (const p of catalog.listProducts(null)) {
      const nameWords = words(p.name);
      const descriptionWords = words(p.description);
      const matched = new Set();
      let score = 0;
      for (const term of terms) score += scoreTerm(term, p, nameWords, descriptionWords, matched);
      if (score > 0) hits.push({ productId: p.id, name: p.name, priceCents: p.priceCents, score, matched: [...matched].sort() });
    }
    hits.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    return hits.slice(0, limit);
  },
});
