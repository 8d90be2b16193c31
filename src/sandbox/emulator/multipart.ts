/**
 * The body of a Bot API call as grammY sends it: JSON, or multipart/form-data when it uploads a file — then the
 * `attach://` fields are resolved back into the payload, so the emulator sees `{ document: { data, filename } }`.
 */

/** The call's parameters, whichever way grammY encoded them. */
export async function readPayload(init?: RequestInit): Promise<Record<string, unknown>> {
  const body = init?.body;
  if (body === undefined || body === null) return {};
  const headers = new Headers(init?.headers);
  const type = headers.get("content-type") ?? "";
  const bytes = await collect(body);
  if (type.includes("multipart/form-data")) {
    const boundary = /boundary=(.+)$/.exec(type)?.[1] ?? "";
    return parseMultipart(bytes, boundary);
  }
  const text = new TextDecoder().decode(bytes);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function collect(body: unknown): Promise<Uint8Array> {
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses grammY's multipart bodies: JSON-ish fields plus `attach://` files, resolved back into the payload. */
function parseMultipart(bytes: Uint8Array, boundary: string): Record<string, unknown> {
  const buf = Buffer.from(bytes);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, { data: Uint8Array; filename?: string }> = {};
  let start = buf.indexOf(delimiter);
  while (start >= 0) {
    const next = buf.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = buf.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const head = part.subarray(0, headerEnd).toString("utf8");
      const data = part.subarray(headerEnd + 4);
      const name = /name="([^"]+)"/.exec(head)?.[1] ?? "";
      const filename = /filename=("?)([^"\r\n;]+)\1/.exec(head)?.[2];
      if (filename !== undefined) files[name] = { data: new Uint8Array(data), filename };
      else fields[name] = data.toString("utf8");
    }
    start = next;
  }
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const attach = /^attach:\/\/(.+)$/.exec(v);
    if (attach?.[1] && files[attach[1]]) payload[k] = files[attach[1]];
    else {
      try {
        payload[k] = JSON.parse(v);
      } catch {
        payload[k] = v;
      }
    }
  }
  return payload;
}
