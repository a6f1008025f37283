// Structured logs of a service, with the correlation id of the request it is
// working for. The host that runs the composed app (flotilla serve) provides
// flotilla:observe/context@0.1.0 (wit/observe/context.wit): the request's id
// (its x-request-id, or the one serve made) and a log line writer; serve
// writes each line to its JSON log, one object a line.
import context from 'flotilla:observe/context@0.1.0';

/**
 * Writes `{ level, msg, component, request_id, ...fields }`. `fields` must
 * not hold secrets (card tokens, passwords, session tokens): log ids and
 * counts, not what the user typed.
 */
export function logEvent(component, msg, fields = {}, level = 'INFO') {
  const line = { level, msg, component, request_id: context.requestId() };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(k in line)) line[k] = v;
  context.log(JSON.stringify(line));
}

/** The correlation id of the request being handled ('' outside a request). */
export function requestId() {
  return context.requestId();
}

/** The tag of a WIT error variant thrown by a service (`{ tag, val }`), or 'error'. */
function errorTag(err) {
  const e = err && typeof err === 'object' && 'payload' in err ? err.payload : err;
  if (e && typeof e === 'object' && typeof e.tag === 'string') return e.tag;
  if (typeof e === 'string') return e.slice(0, 64);
  return 'error';
}

/**
 * The interface `api` with one log line per call: `{ msg: 'call', function,
 * outcome: 'ok' | 'error', error }` and the request's id. Arguments and
 * results are not logged (tokens and card data pass through some).
 */
export function withCallLog(component, api) {
  const out = {};
  for (const [key, fn] of Object.entries(api)) {
    // the WIT name (place-order), as the taps, metrics and spans name it
    const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    out[key] = (...args) => {
      try {
        const result = fn(...args);
        logEvent(component, 'call', { function: name, outcome: 'ok' });
        return result;
      } catch (err) {
        logEvent(component, 'call', { function: name, outcome: 'error', error: errorTag(err) }, 'WARN');
        throw err;
      }
    };
  }
  return out;
}
