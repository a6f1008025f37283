export function sha256(input: Uint8Array | string): Uint8Array;
export function hmacSha256(key: Uint8Array | string, message: Uint8Array | string): Uint8Array;
