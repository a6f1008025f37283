// ecommerce:user-service — accounts and API-token authentication.
// Exports ecommerce:platform/users@1.0.0.
import { withCallLog } from '../../../lib/js/observe.js';

const usersById = new Map();
const userIdByToken = new Map();

function addUser(id, name, email, tier, token) {
  usersById.set(id, { id, name, email, tier });
  userIdByToken.set(token, id);
}

addUser('alice', 'Alice Martin', 'alice@example.com', 'gold', 'tok-alice-7f3a');
addUser('bob', 'Bob Chen', 'bob@example.com', 'standard', 'tok-bob-19c2');
addUser('carol', 'Carol Diaz', 'carol@example.com', 'standard', 'tok-carol-5be8');

export const users = withCallLog('user-service', {
  authenticate(token) {
    const trimmed = token.trim();
    if (trimmed === '') throw 'missing API token';
    const id = userIdByToken.get(trimmed);
    if (id === undefined) throw 'unknown API token';
    return usersById.get(id);
  },
  getUser(id) {
    return usersById.get(id) ?? null;
  },
  listUsers() {
    return [...usersById.values()];
  },
});
