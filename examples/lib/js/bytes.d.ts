export function utf8(text: string): Uint8Array;
export function fromUtf8(bytes: Uint8Array): string;
export function toHex(bytes: Uint8Array): string;
export function fromHex(hex: string): Uint8Array;
export function fromBase64(text: string): Uint8Array;
export function toBase64(bytes: Uint8Array): string;
export function concat(...parts: Uint8Array[]): Uint8Array;
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean;
