/**
 * Validation of a composed component. Until component-binary's validator is
 * merged this asks jco: `transpile` fully validates the component (as
 * wasm-tools' validator does) before generating bindings, which are discarded.
 */
export async function validateComponent(bytes: Uint8Array): Promise<void> {
  const { transpile } = await import('@bytecodealliance/jco');
  await transpile(bytes, { name: 'validate', noTypescript: true, quiet: true });
}
