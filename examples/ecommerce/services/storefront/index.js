// ecommerce:storefront — the platform's HTTP edge (a wasi:http middleware).
// Exports wasi:http/incoming-handler; imports the gateway's
// wasi:http/incoming-handler and the web frontend's flotilla:platform/ui.
//
// GET / and /shop… are the storefront: the frontend renders a view, this
// component writes it as HTML. Every other request, resources and all, is
// handed to the gateway as it came (the API is the gateway's).

import ui from 'flotilla:platform/ui@1.0.0';
import gateway from 'wasi:http/incoming-handler@0.2.10';
import { writeResponse } from '../../../lib/js/http-server.js';

const VOID = new Set(['meta', 'input', 'br', 'img', 'link', 'hr']);
const RAW = new Set(['script', 'style']);

function escapeText(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s) {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** The view's nodes as HTML, from its root; children are indices (a cycle or a bad index is an error). */
export function toHtml(view) {
  const seen = new Set();
  const write = (i, depth) => {
    const n = view.nodes[i];
    if (n === undefined || seen.has(i) || depth > 64) throw new Error(`bad view: node ${i}`);
    seen.add(i);
    if (!/^[a-z][a-z0-9-]*$/.test(n.tag)) throw new Error(`bad view: tag ${n.tag}`);
    const attrs = n.attributes.map(([k, v]) => (/^[a-z][a-z0-9-]*$/.test(k) ? ` ${k}="${escapeAttr(v)}"` : '')).join('');
    if (VOID.has(n.tag)) return `<${n.tag}${attrs}>`;
    let inner = '';
    if (n.text != null) inner += RAW.has(n.tag) ? n.text.replace(/<\/(script|style)/gi, '<\\/$1') : escapeText(n.text);
    for (const c of n.children) inner += write(c, depth + 1);
    return `<${n.tag}${attrs}>${inner}</${n.tag}>`;
  };
  return `<!doctype html>\n${write(view.root, 0)}\n`;
}

function isPage(path) {
  const p = path.split('?')[0];
  return p === '/' || p === '/shop' || p.startsWith('/shop/');
}

export const incomingHandler = {
  handle(request, responseOut) {
    const method = request.method();
    const path = request.pathWithQuery() ?? '/';
    if (method.tag === 'get' && isPage(path)) {
      let response;
      try {
        const view = ui.render(path);
        const notFound = view.nodes.some((n) => n.tag === 'h1' && n.text === 'Not found');
        response = {
          status: notFound ? 404 : 200,
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
          body: toHtml(view),
        };
      } catch (err) {
        response = { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `the storefront failed: ${err}\n` };
      }
      request[Symbol.dispose]?.();
      writeResponse(responseOut, response);
      return;
    }
    gateway.handle(request, responseOut);
  },
};
