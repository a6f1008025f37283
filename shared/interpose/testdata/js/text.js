// test:js/text, built twice: VERSION is replaced by `stable` or `canary`.
const VERSION = '__VERSION__';

export const text = {
  shout(s) {
    return `${s.toUpperCase()}!${VERSION}`;
  },
  summarize(d) {
    return {
      title: `${d.title} (${VERSION})`,
      body: d.body,
      words: d.body.split(/\s+/).filter((w) => w !== ''),
      meta: d.meta == null ? { author: VERSION, tags: [], score: 0 } : { ...d.meta, tags: [...d.meta.tags, VERSION] },
    };
  },
  review(d, strict) {
    if (strict && d.body.length < 10) throw `too short for ${VERSION}: ${d.body.length} characters`;
    return { ...d, title: VERSION };
  },
};
