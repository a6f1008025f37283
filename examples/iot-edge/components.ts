// The components of the IoT edge platform: the edge gateway built here, the
// rest from the seed's registries (wac_distributed_system's local/oci shape).
import { join } from 'node:path';
import { type Example, type ExampleComponent, REPO_ROOT } from '../lib/example.ts';

export const components: ExampleComponent[] = [
  // local (built here); CI publishes it for staging and production, where the policy wants it signed
  { name: 'edge-gateway', wacPackage: 'iot:edge-gateway', ref: 'ghcr.io/iot/edge/gateway:v1.0.0', world: 'edge-gateway', wasi: 'world' },
  { name: 'device-registry', wacPackage: 'iot:device-registry', ref: 'ghcr.io/iot/devices/registry:v2.0.0', world: 'device-registry' },
  { name: 'device-config', wacPackage: 'iot:device-config', ref: 'ghcr.io/iot/devices/config:v1.3.0', world: 'device-configuration' },
  { name: 'ota-updates', wacPackage: 'iot:ota-updates', ref: 'ghcr.io/iot/devices/ota:v1.0.0', world: 'ota-service' },
  { name: 'stream-processor', wacPackage: 'iot:stream-processor', ref: 'ghcr.io/iot/data/stream:v2.8.0', world: 'stream-processor' },
  {
    name: 'ml-inference',
    wacPackage: 'iot:ml-inference',
    ref: 'us-central1-docker.pkg.dev/iot/ml/inference:v2.1.0',
    world: 'ml-inference',
  },
  { name: 'time-series-db', wacPackage: 'iot:time-series-db', ref: 'docker.io/influxdata/influxdb-wasm:v2.0.0', world: 'time-series-db' },
  {
    name: 'data-warehouse',
    wacPackage: 'iot:data-warehouse',
    ref: 'us-central1-docker.pkg.dev/iot/analytics/warehouse:v1.0.0',
    world: 'data-warehouse',
  },
];

export const iotEdge: Example = {
  name: 'iot-edge',
  dir: import.meta.dirname,
  witDir: join(REPO_ROOT, 'wit', 'iot-edge'),
  // the services import flotilla:observe/context (the request's correlation id, structured logs)
  witDeps: { 'flotilla-observe': join(REPO_ROOT, 'wit', 'observe') },
  components,
};
