// The components of the financial services platform: where each one's source
// lives (services/<name>/), the world of wit/fintech it is built against, the
// WAC package the spec and platform.wac know it by, and the seed's ref.
import { join } from 'node:path';
import { type Example, type ExampleComponent, REPO_ROOT } from '../lib/example.ts';

export const components: ExampleComponent[] = [
  // local (built in this repository)
  // local components (built here); CI publishes them for staging and production, where the policy wants signatures
  {
    name: 'api-gateway',
    wacPackage: 'fintech:api-gateway',
    ref: 'ghcr.io/bank/edge/api-gateway:v1.0.0',
    world: 'api-gateway',
    wasi: 'world',
  },
  { name: 'mobile-app', wacPackage: 'fintech:mobile-app', ref: 'ghcr.io/bank/edge/mobile-app:v1.0.0', world: 'mobile-app', wasi: 'world' },
  { name: 'device-sim', wacPackage: 'fintech:device-sim', ref: 'ghcr.io/bank/edge/device-sim:v1.0.0', world: 'device-sim' },
  // oci (the seed's registries)
  {
    name: 'account-service',
    wacPackage: 'fintech:account-service',
    ref: 'ghcr.io/bank/core/accounts:v3.0.0',
    world: 'account-service',
  },
  {
    name: 'transaction-service',
    wacPackage: 'fintech:transaction-service',
    ref: 'ghcr.io/bank/core/transactions:v2.8.0',
    world: 'transaction-service',
  },
  { name: 'balance-service', wacPackage: 'fintech:balance-service', ref: 'ghcr.io/bank/core/balances:v1.4.0', world: 'balance-service' },
  { name: 'loan-service', wacPackage: 'fintech:loan-service', ref: 'ghcr.io/bank/lending/loans:v1.2.0', world: 'loan-service' },
  {
    name: 'auth-service',
    wacPackage: 'fintech:auth-service',
    ref: 'ghcr.io/bank/security/auth:v4.0.0',
    world: 'auth-service',
    wasi: 'world',
  },
  { name: 'fraud-monitor', wacPackage: 'fintech:fraud-monitor', ref: 'ghcr.io/bank/security/fraud:v3.1.0', world: 'fraud-monitor' },
  { name: 'kyc-service', wacPackage: 'fintech:kyc-service', ref: 'ghcr.io/bank/compliance/kyc:v2.0.0', world: 'kyc-service' },
  {
    name: 'audit-service',
    wacPackage: 'fintech:audit-service',
    ref: 'ghcr.io/bank/compliance/audit:v1.0.0',
    world: 'audit-service',
    wasi: 'world',
  },
  {
    name: 'credit-bureau',
    wacPackage: 'fintech:credit-bureau',
    ref: 'docker.io/experian/credit-check:v2.0.0',
    world: 'credit-bureau-service',
  },
  {
    name: 'payment-rails',
    wacPackage: 'fintech:payment-rails',
    ref: 'docker.io/fed/ach-processor:v1.8.0',
    world: 'payment-rails-service',
    wasi: 'world',
  },
  // development mocks of the external services
  { name: 'credit-bureau-mock', wacPackage: 'fintech:credit-bureau-mock', world: 'credit-bureau-service' },
  { name: 'payment-rails-mock', wacPackage: 'fintech:payment-rails-mock', world: 'payment-rails-mock' },
];

export const fintech: Example = {
  name: 'fintech',
  dir: import.meta.dirname,
  witDir: join(REPO_ROOT, 'wit', 'fintech'),
  witDeps: { 'flotilla-platform': join(REPO_ROOT, 'wit') },
  components,
  sharedSources: [join(import.meta.dirname, 'services', 'shared')],
};
