/** Media types Flotilla reads and writes. */
export const MediaType = {
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciEmpty: 'application/vnd.oci.empty.v1+json',
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  /** Config of a Wasm OCI artifact (CNCF TAG Runtime). */
  WasmConfig: 'application/vnd.wasm.config.v0+json',
  /** The one layer of a Wasm OCI artifact. */
  Wasm: 'application/wasm',
  SigstoreBundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
} as const;

/** Every manifest type a client may accept, for `Accept` headers. */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
  MediaType.OciManifest,
  MediaType.OciIndex,
  MediaType.DockerManifest,
  MediaType.DockerManifestList,
];

/** The empty JSON object `{}` used as the config of artifacts without one. */
export const EMPTY_JSON = new Uint8Array([0x7b, 0x7d]);
export const EMPTY_JSON_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
