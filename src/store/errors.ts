/** True for errors that mean "Redis is unreachable right now", which deserve a "busy, retry" rather than "error". */
export function isStorageDown(err: unknown): boolean {
  const e = err as { message?: string; name?: string; cause?: unknown } | undefined;
  // ioredis says "Reached the max retries per request limit" (MaxRetriesPerRequestError) while Redis is down.
  const text = `${e?.name ?? ""} ${String(e?.message ?? err)}`;
  if (
    /ECONNREFUSED|Connection is closed|MaxRetriesPerRequest|max retries per request|Stream isn't writeable|ETIMEDOUT|ECONNRESET|enableOfflineQueue|Command timed out/i.test(
      text,
    )
  ) {
    return true;
  }
  return e?.cause !== undefined && e.cause !== err && isStorageDown(e.cause);
}
