/**
 * True for errors that mean "the store cannot take this update right now" — Redis unreachable, or Redis answering
 * but refusing (full under `noeviction`, a read-only replica after a failover, still loading its data, refusing
 * writes after a failed snapshot, too few replicas, a cluster slot moving). These deserve a "busy, retry" and a
 * redelivery rather than "error": the same update succeeds once the store takes writes again.
 */
export function isStorageDown(err: unknown): boolean {
  return isStorageUnreachable(err) || isStorageRefusing(err);
}

/** Redis does not answer: ioredis says "Reached the max retries per request limit" (MaxRetriesPerRequestError). */
function isStorageUnreachable(err: unknown): boolean {
  return matches(
    err,
    /ECONNREFUSED|Connection is closed|MaxRetriesPerRequest|max retries per request|Stream isn't writeable|ETIMEDOUT|ECONNRESET|enableOfflineQueue|Command timed out/i,
  );
}

/**
 * Redis answers with one of its "not now" error codes. Matched at the start of the reply (as Redis sends it) or after
 * a script's wrapper text ("ERR Error running script … : OOM …" on older servers), never anywhere in a message.
 */
function isStorageRefusing(err: unknown): boolean {
  return matches(err, /(^|[\s:])(OOM command not allowed|READONLY|LOADING|MISCONF|NOREPLICAS|TRYAGAIN)\b/);
}

function matches(err: unknown, pattern: RegExp): boolean {
  const e = err as { message?: string; name?: string; cause?: unknown } | undefined;
  const text = `${e?.name ?? ""} ${String(e?.message ?? err)}`;
  if (pattern.test(text)) return true;
  return e?.cause !== undefined && e.cause !== err && matches(e.cause, pattern);
}
