// fintech:mobile-app — the mobile banking app's core (flotilla:platform/mobile-app).
// Imports flotilla:platform/device (the phone), flotilla:platform/api-client
// (the gateway) and wasi:clocks/monotonic-clock; exports events and offline-sync.
//
// Changes made while offline (transfers, in collection `transfers`) are
// queued and pushed by a background sync within the time the OS grants: each
// one is POSTed with its id as the Idempotency-Key (a retried sync cannot pay
// twice) and the phone's location for the fraud monitor. A change the server
// refuses for a conflict is reported as one; one it cannot take now stays
// queued. Sync is skipped on a low battery that is not charging.
import apiClient from 'flotilla:platform/api-client@1.0.0';
import device from 'flotilla:platform/device@1.0.0';
import monotonic from 'wasi:clocks/monotonic-clock@0.2.10';
import { num } from '../../../lib/js/wit.js';

const MAX_QUEUE = 500;
const LOW_BATTERY = 0.15;
/** id -> change, in arrival order */
const queue = new Map();
let foreground = true;

function nowMs() {
  return num(monotonic.now()) / 1e6;
}

function header(list, name) {
  return list.find(([n]) => n.toLowerCase() === name)?.[1];
}

function push(change) {
  const payload = JSON.parse(change.payload);
  if (change.collection !== 'transfers') return { outcome: 'conflict', why: `unknown collection ${change.collection}` };
  const headers = [
    ['content-type', 'application/json'],
    ['authorization', `Bearer ${payload.token}`],
    ['idempotency-key', change.id],
  ];
  try {
    const loc = device.currentLocation();
    headers.push(['x-device-location', `${loc.latitude.toFixed(4)},${loc.longitude.toFixed(4)}`]);
  } catch {
    // no location fix: the transfer goes without one
  }
  const body = JSON.stringify({ from: payload.from, to: payload.to, amountCents: payload.amountCents, memo: payload.memo ?? '' });
  let response;
  try {
    response = apiClient.send({ method: 'POST', path: '/transfers', headers, body });
  } catch (err) {
    return { outcome: 'retry', why: String(err?.payload ?? err) };
  }
  const status = response.status;
  let answer = {};
  try {
    answer = JSON.parse(response.body);
  } catch {
    // not JSON: keep the status only
  }
  if (status === 201) return { outcome: 'pushed', answer, correlationId: header(response.headers, 'x-correlation-id') };
  if (status === 429 || status >= 500) return { outcome: 'retry', why: `HTTP ${status}` };
  // 4xx: the server will never take this change as it is (declined, conflict, no funds).
  return { outcome: 'conflict', why: answer.message ?? `HTTP ${status}` };
}

function sync(budgetMs) {
  const started = nowMs();
  const report = { pushed: 0, pulled: 0, conflicts: [] };
  const battery = device.batteryStatus();
  if (battery.level < LOW_BATTERY && !battery.charging) {
    device.notify('Sync postponed', `battery at ${Math.round(battery.level * 100)} %`);
    return report;
  }
  for (const [id, change] of [...queue]) {
    if (nowMs() - started >= budgetMs) break;
    const result = push(change);
    if (result.outcome === 'retry') continue;
    queue.delete(id);
    if (result.outcome === 'pushed') {
      report.pushed += 1;
      device.notify('Transfer sent', `${(result.answer.entry?.postings?.[1]?.amount ?? 0) / 100} to ${JSON.parse(change.payload).to}`);
    } else {
      report.conflicts.push(id);
      device.notify('Transfer not sent', result.why);
    }
  }
  return report;
}

export const offlineSync = {
  enqueue(change) {
    if (queue.size >= MAX_QUEUE && !queue.has(change.id)) throw new Error('the offline queue is full');
    const previous = queue.get(change.id);
    // A newer version of a queued change replaces it; an older one is ignored.
    if (previous === undefined || num(change.version) >= num(previous.version)) queue.set(change.id, change);
  },
  pending() {
    return queue.size;
  },
  runBackgroundSync(budgetMs) {
    return sync(budgetMs);
  },
};

export const events = {
  handleEvent(event) {
    switch (event.tag) {
      case 'foreground':
        foreground = true;
        if (queue.size > 0) sync(2_000);
        break;
      case 'background':
        foreground = false;
        break;
      case 'low-memory':
        // Nothing cached but the queue, which must survive.
        break;
      case 'gesture':
        if (event.val === 'swipe-left' && foreground && queue.size > 0) sync(1_000);
        break;
      default:
        break;
    }
  },
};
