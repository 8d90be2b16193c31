/**
 * The bytes of a file a user sent: `getFile`, then a GET of `<apiRoot>/file/bot<token>/<file_path>` through the same
 * client options as the bot's calls (so the tests' fake Bot API and the sandbox serve it too). Telegram lets a bot
 * download 20 MB at most; callers check `file_size` first and say so.
 */
import { Api } from "grammy";

export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/**
 * `api` may be a scene's: the calls go through a plain `Api` with its token and client options, so that inside
 * `conversation.external` they are not recorded as the scene's own steps (a replay would wait for them).
 */
export async function downloadFile(from: Api, fileId: string): Promise<Uint8Array> {
  const api = new Api(from.token, from.options);
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error("getFile gave no file_path");
  const root = api.options?.apiRoot ?? "https://api.telegram.org";
  const get = api.options?.fetch ?? fetch;
  const res = await get(`${root}/file/bot${api.token}/${file.file_path}`);
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
