import type { Digest } from './digest.ts';

/** OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
  urls?: string[];
  platform?: { architecture: string; os: string; variant?: string };
}

/** OCI image manifest (also the shape of a Docker v2 schema 2 manifest). */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** OCI image index (also the referrers response and the tag-schema fallback). */
export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export type Manifest = ImageManifest | ImageIndex;

export function isIndex(m: Manifest): m is ImageIndex {
  return Array.isArray((m as ImageIndex).manifests);
}

/** Standard annotation keys. */
export const Annotation = {
  Title: 'org.opencontainers.image.title',
  Version: 'org.opencontainers.image.version',
  Source: 'org.opencontainers.image.source',
  Revision: 'org.opencontainers.image.revision',
  Created: 'org.opencontainers.image.created',
  RefName: 'org.opencontainers.image.ref.name',
} as const;

/** Config of a Wasm OCI artifact, CNCF TAG Runtime layout (`application/vnd.wasm.config.v0+json`). */
export interface WasmConfig {
  created?: string;
  author?: string;
  architecture: 'wasm';
  os: 'wasip1' | 'wasip2';
  layerDigests: Digest[];
  component?: {
    imports?: string[];
    exports?: string[];
    target?: string;
  };
}
