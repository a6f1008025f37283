export const id = 20;
export const ids = [20];
export const modules = {

/***/ 64020:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   httpTransport: () => (/* binding */ httpTransport)
/* harmony export */ });
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98995);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87351);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(36591);



/**
 * A base Transport on `node:http` and `node:https` with keep-alive agents,
 * for the CLI: the same contract as `fetchTransport` (a timeout until the
 * headers and between two body chunks, redirects followed by hand when asked
 * and without `Authorization` once the origin changes, https never
 * downgraded, failures as TransportError), without loading Node's fetch
 * (undici), which costs a short-lived process 60-80 ms here.
 *
 * The answer has the part of `Response` the registry client uses: `status`,
 * `statusText`, `headers.get()` and `body` (null for HEAD, 204 and 304;
 * otherwise a NodeResponseBody: a ReadableStream to the client, built on
 * Node's stream until something needs a real one).
 */
const MAX_REDIRECTS = 5;
// `require`, not `import`: an ES import of node:http reads every export of the
// module, its lazy WebSocket getter included, which loads undici (20-40 ms)
const require = (0,node_module__WEBPACK_IMPORTED_MODULE_0__.createRequire)(import.meta.url);
function headersOf(res) {
    return {
        get(name) {
            const v = res.headers[name.toLowerCase()];
            if (v === undefined)
                return null;
            return Array.isArray(v) ? v.join(', ') : v;
        },
    };
}
function withoutAuthorization(headers) {
    const out = {};
    for (const [k, v] of Object.entries(headers))
        if (k.toLowerCase() !== 'authorization')
            out[k] = v;
    return out;
}
/**
 * The body of a response: what the registry client reads of a web
 * ReadableStream (`getReader()` and `cancel()`), served straight from Node's
 * stream without loading Node's web streams, which costs a short CLI run
 * 3-5 ms. Anything else (pipeThrough, pipeTo, tee, iteration) first turns it
 * into a real ReadableStream. A connection cut before the end of the body
 * becomes a TransportError either way.
 */
class NodeResponseBody {
    #res;
    #url;
    #method;
    #taken = false;
    #web;
    constructor(res, url, method) {
        this.#res = res;
        this.#url = url;
        this.#method = method;
    }
    get locked() {
        return this.#web ? this.#web.locked : this.#taken;
    }
    #failure(err) {
        const why = err.code === 'ERR_STREAM_PREMATURE_CLOSE'
            ? 'the connection closed before the end of the body'
            : (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .causeText */ .xv)(err);
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TransportError */ .wX({ registry: this.#url.host }, `reading the response of ${this.#method} ${this.#url.pathname} failed: ${why}`, {
            cause: err,
        });
    }
    getReader() {
        if (this.#web)
            return this.#web.getReader();
        if (this.#taken)
            throw new TypeError('the response body is already being read');
        this.#taken = true;
        const chunks = this.#res[Symbol.asyncIterator]();
        let closed = false;
        const reader = {
            read: async () => {
                if (closed)
                    return { done: true, value: undefined };
                try {
                    const next = await chunks.next();
                    if (next.done) {
                        closed = true;
                        return { done: true, value: undefined };
                    }
                    const b = next.value;
                    return { done: false, value: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
                }
                catch (err) {
                    closed = true;
                    throw this.#failure(err);
                }
            },
            cancel: async () => {
                closed = true;
                this.#res.destroy();
            },
            releaseLock: () => { },
            get closed() {
                return Promise.resolve(undefined);
            },
        };
        return reader;
    }
    async cancel() {
        if (this.#web)
            return this.#web.cancel();
        this.#taken = true;
        this.#res.destroy();
    }
    #toWeb() {
        if (!this.#web) {
            if (this.#taken)
                throw new TypeError('the response body is already being read');
            this.#web = bodyStream(this.#res, (err) => this.#failure(err));
        }
        return this.#web;
    }
    pipeThrough(transform, options) {
        return this.#toWeb().pipeThrough(transform, options);
    }
    pipeTo(destination, options) {
        return this.#toWeb().pipeTo(destination, options);
    }
    tee() {
        return this.#toWeb().tee();
    }
    values(options) {
        return this.#toWeb().values(options);
    }
    [Symbol.asyncIterator]() {
        return this.values();
    }
}
/** The body as a real web stream that respects back-pressure (for the uses NodeResponseBody does not serve itself). */
function bodyStream(res, failure) {
    let ended = false;
    return new ReadableStream({
        start(controller) {
            const fail = (err) => {
                if (ended)
                    return;
                ended = true;
                controller.error(failure(err));
            };
            res.on('data', (chunk) => {
                if (ended)
                    return;
                controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
                if ((controller.desiredSize ?? 0) <= 0)
                    res.pause();
            });
            res.on('end', () => {
                if (ended)
                    return;
                ended = true;
                controller.close();
            });
            res.on('error', (err) => fail(err));
            res.on('close', () => fail(Object.assign(new Error('premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })));
        },
        pull() {
            res.resume();
        },
        cancel() {
            ended = true;
            res.destroy();
        },
    });
}
function httpTransport(defaults = {}) {
    const maxSockets = defaults.maxSockets ?? 16;
    // node:https (and TLS) loads on the first https request only
    let http;
    let https;
    const client = (secure) => {
        if (secure) {
            if (!https) {
                const mod = require('node:https');
                https = { mod, agent: new mod.Agent({ keepAlive: true, maxSockets }) };
            }
            return https;
        }
        if (!http) {
            const mod = require('node:http');
            http = { mod, agent: new mod.Agent({ keepAlive: true, maxSockets }) };
        }
        return http;
    };
    const once = (method, url, headers, body, timeoutMs) => new Promise((resolve, reject) => {
        const { mod, agent } = client(url.protocol === 'https:');
        const hdrs = { ...headers };
        if (body !== undefined && !Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-length')) {
            hdrs['content-length'] = String(body.byteLength);
        }
        let req;
        try {
            req = mod.request(url, { method, headers: hdrs, agent }, resolve);
        }
        catch (err) {
            reject(err);
            return;
        }
        // socket inactivity: no answer, or no chunk of the body, for timeoutMs
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no data within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
    });
    return async (req) => {
        const timeoutMs = req.timeoutMs ?? defaults.timeoutMs ?? _transport_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_TIMEOUT_MS */ .t1;
        let url = req.url;
        let headers = req.headers ?? {};
        let method = req.method;
        for (let hop = 0;; hop++) {
            let res;
            try {
                res = await once(method, url, headers, req.body !== undefined && method !== 'GET' && method !== 'HEAD' ? req.body : undefined, timeoutMs);
            }
            catch (err) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TransportError */ .wX({ registry: url.host }, `${method} ${url.pathname} failed: ${(0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .causeText */ .xv)(err)}`, { cause: err });
            }
            const status = res.statusCode ?? 0;
            const location = res.headers.location;
            if (req.followRedirects && status >= 300 && status < 400 && status !== 304 && location) {
                res.resume();
                if (hop >= MAX_REDIRECTS) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TransportError */ .wX({ registry: req.url.host, status }, `more than ${MAX_REDIRECTS} redirects for ${req.url.pathname}`);
                }
                const next = new URL(location, url);
                if (next.protocol !== 'https:' && next.protocol !== 'http:') {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TransportError */ .wX({ registry: req.url.host, status }, `redirect to an unsupported scheme ${next.protocol}`);
                }
                if (url.protocol === 'https:' && next.protocol === 'http:') {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TransportError */ .wX({ registry: req.url.host, status }, 'redirect from https to plain http refused');
                }
                if (next.origin !== url.origin)
                    headers = withoutAuthorization(headers);
                if (status === 303)
                    method = 'GET';
                url = next;
                continue;
            }
            const noBody = method === 'HEAD' || status === 204 || status === 304;
            if (noBody)
                res.resume();
            const answer = {
                status,
                statusText: res.statusMessage ?? '',
                headers: headersOf(res),
                body: noBody ? null : new NodeResponseBody(res, url, method),
            };
            return answer;
        }
    };
}


/***/ })

};
