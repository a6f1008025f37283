// The floor of a Node.js CLI for one artifact, for bench/transfer.ts: the
// requests `flotilla copy` makes for one artifact, written as plainly as Node
// allows (CommonJS, node:http, node:crypto, node:fs; no registry
// configuration, auth, retries, limits or locking). What it takes over
// `skopeo copy` is what Node's own start costs here, which no CLI written for
// Node can go under.
//
//   node bench/node-floor.cjs pull <host>/<repo>:<tag> <layout-dir> <tag>
//   node bench/node-floor.cjs push <layout-dir> <tag> <host>/<repo>:<tag>
//   node bench/node-floor.cjs pull-all <host>/<repo> <layout-dir>   (every tag, 8 at a time, as flotilla copy does)
'use strict';
const http = require('node:http');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const agent = new http.Agent({ keepAlive: true });
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

function request(method, host, urlPath, headers = {}, body) {
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: urlPath, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function splitRef(ref) {
  const slash = ref.indexOf('/');
  const colon = ref.lastIndexOf(':');
  return { host: ref.slice(0, slash), repo: ref.slice(slash + 1, colon), tag: ref.slice(colon + 1) };
}

const digestOf = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function expect(ok, what) {
  if (!ok) throw new Error(what);
}

async function pullAll(repoRef, dir) {
  const slash = repoRef.indexOf('/');
  const host = repoRef.slice(0, slash);
  const repo = repoRef.slice(slash + 1);
  const list = await request('GET', host, `/v2/${repo}/tags/list`);
  expect(list.status === 200, `tags: ${list.status}`);
  const queue = [...JSON.parse(list.body).tags];
  const index = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let tag = queue.shift(); tag !== undefined; tag = queue.shift()) index.push(await pullInto(host, repo, tag, dir, tag));
    }),
  );
  addToIndex(dir, index);
}

async function pull(ref, dir, tag) {
  const { host, repo, tag: from } = splitRef(ref);
  addToIndex(dir, [await pullInto(host, repo, from, dir, tag)]);
}

/** Writes oci-layout and adds `entries` to the layout's index.json. */
function addToIndex(dir, entries) {
  fs.writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const indexPath = path.join(dir, 'index.json');
  const index = fs.existsSync(indexPath) ? JSON.parse(fs.readFileSync(indexPath, 'utf8')) : { schemaVersion: 2, manifests: [] };
  index.manifests.push(...entries);
  fs.writeFileSync(indexPath, JSON.stringify(index));
}

/** Fetches one artifact's manifest and blobs into the layout's blob folder; returns its index entry. */
async function pullInto(host, repo, from, dir, tag) {
  const m = await request('GET', host, `/v2/${repo}/manifests/${from}`, { accept: MANIFEST });
  expect(m.status === 200, `manifest: ${m.status}`);
  const manifest = JSON.parse(m.body);
  const blobs = path.join(dir, 'blobs', 'sha256');
  fs.mkdirSync(blobs, { recursive: true });
  const write = (digest, bytes) => fs.promises.writeFile(path.join(blobs, digest.slice(7)), bytes);
  await Promise.all(
    [manifest.config, ...manifest.layers].map(async (d) => {
      const b = await request('GET', host, `/v2/${repo}/blobs/${d.digest}`);
      expect(b.status === 200 && digestOf(b.body) === d.digest, `blob ${d.digest}: ${b.status}`);
      await write(d.digest, b.body);
    }),
  );
  const digest = digestOf(m.body);
  await write(digest, m.body);
  return { mediaType: MANIFEST, digest, size: m.body.length, annotations: { 'org.opencontainers.image.ref.name': tag } };
}

async function push(dir, tag, ref) {
  const { host, repo, tag: to } = splitRef(ref);
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const entry = index.manifests.find((d) => d.annotations?.['org.opencontainers.image.ref.name'] === tag);
  const read = (digest) => fs.readFileSync(path.join(dir, 'blobs', 'sha256', digest.slice(7)));
  const bytes = read(entry.digest);
  const head = await request('HEAD', host, `/v2/${repo}/manifests/${entry.digest}`, { accept: MANIFEST });
  if (head.status !== 200) {
    const manifest = JSON.parse(bytes);
    await Promise.all(
      [manifest.config, ...manifest.layers].map(async (d) => {
        if ((await request('HEAD', host, `/v2/${repo}/blobs/${d.digest}`)).status === 200) return;
        const blob = read(d.digest);
        const started = await request('POST', host, `/v2/${repo}/blobs/uploads/`, { 'content-length': '0' });
        expect(started.status === 202, `upload: ${started.status}`);
        const location = new URL(started.headers.location, `http://${host}`);
        location.searchParams.set('digest', d.digest);
        const put = await request(
          'PUT',
          host,
          location.pathname + location.search,
          {
            'content-type': 'application/octet-stream',
            'content-length': String(blob.length),
          },
          blob,
        );
        expect(put.status === 201, `blob ${d.digest}: ${put.status}`);
      }),
    );
  }
  const put = await request(
    'PUT',
    host,
    `/v2/${repo}/manifests/${to}`,
    { 'content-type': MANIFEST, 'content-length': String(bytes.length) },
    bytes,
  );
  expect(put.status === 201, `manifest: ${put.status}`);
}

const [mode, ...args] = process.argv.slice(2);
const runs = {
  pull: () => pull(args[0], args[1], args[2]),
  push: () => push(args[0], args[1], args[2]),
  'pull-all': () => pullAll(args[0], args[1]),
};
runs[mode]()
  .then(() => agent.destroy())
  .catch((err) => {
    process.stderr.write(`node-floor: ${err.message}\n`);
    process.exitCode = 1;
    agent.destroy();
  });
