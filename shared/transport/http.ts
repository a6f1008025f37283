/** Small helpers for registry responses, used by every layer of the client. */

/** Lets go of a response body we do not read (the connection goes back to the pool); never throws. */
export async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}

/** The media type of a response (`Content-Type` without its parameters); '' when absent. */
export function mediaTypeOf(res: Response): string {
  return (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
}
