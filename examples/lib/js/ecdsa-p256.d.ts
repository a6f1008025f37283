export type Point = [bigint, bigint, bigint];
export function parsePublicKey(key: string | Uint8Array): Point;
export function parseSignature(sig: Uint8Array): [bigint, bigint];
export function verifyP256(publicKey: string | Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
