/**
 * Files as Telegram keeps them: each upload gets a file_id, `getFile` hands out a `file_path` (20 MB at most, as for
 * real bots), and the bytes are served at `<apiRoot>/file/bot<token>/<file_path>`.
 */
import type { Document, PhotoSize } from "grammy/types";
import { bad } from "./errors.js";
import type { EmuFile } from "./types.js";

/** Telegram's limit on files a bot can download. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export class FileStore {
  readonly files = new Map<string, EmuFile>();
  private readonly paths = new Map<string, string>();
  private nextFileId = 1;

  store(f: Omit<EmuFile, "file_id" | "file_unique_id">): EmuFile {
    const n = this.nextFileId++;
    const file: EmuFile = {
      file_id: `BQACAgIAAx${n.toString(36).padStart(6, "0")}emu`,
      file_unique_id: `AgAD${n}`,
      ...f,
    };
    this.files.set(file.file_id, file);
    return file;
  }

  /** The file a send method names: bytes uploaded with the call, or the file_id of a file Telegram already has. */
  resolve(input: unknown): EmuFile {
    let file: EmuFile | undefined;
    if (input && typeof input === "object" && "data" in input) {
      const upload = input as { data: Uint8Array; filename?: string };
      file = this.store({
        file_size: upload.data.byteLength,
        file_name: upload.filename,
        mime_type: guessMime(upload.filename),
        data: upload.data,
      });
    } else if (typeof input === "string" && this.files.has(input)) {
      file = this.files.get(input);
    }
    if (!file) throw bad("wrong file identifier/HTTP URL specified");
    return file;
  }

  getFile(p: Record<string, unknown>) {
    const file = this.files.get(String(p.file_id ?? ""));
    if (!file) throw bad("invalid file_id");
    if (file.file_size > MAX_DOWNLOAD_BYTES) throw bad("file is too big");
    // Telegram's shape: `documents/file_12.pdf`, `photos/file_3.jpg` — unique per file, the name is not kept.
    const ext = file.file_name?.includes(".")
      ? file.file_name.split(".").pop()
      : file.mime_type === "image/jpeg"
        ? "jpg"
        : "";
    const folder = file.mime_type?.startsWith("image/") && !file.file_name ? "photos" : "documents";
    const file_path = `${folder}/file_${file.file_unique_id.replace(/^AgAD/, "")}${ext ? `.${ext}` : ""}`;
    this.paths.set(file_path, file.file_id);
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path };
  }

  /** The file behind a `file_path` that `getFile` handed out. */
  byPath(path: string): EmuFile | undefined {
    const id = this.paths.get(path);
    return id === undefined ? undefined : this.files.get(id);
  }

  /** The answer to a download of `file_path`: its bytes, or 404 as Telegram answers an unknown path. */
  download(path: string): Response {
    const file = this.byPath(path);
    if (!file?.data) return new Response("Not Found", { status: 404 });
    return new Response(Buffer.from(file.data), {
      status: 200,
      headers: {
        "content-type": file.mime_type ?? "application/octet-stream",
        "content-length": String(file.data.byteLength),
      },
    });
  }
}

/** The `document` of a message carrying `file`. */
export function documentOf(file: EmuFile): Document {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.file_size,
    file_name: file.file_name,
    mime_type: file.mime_type,
  };
}

/** One size of a message's `photo`. */
export function photoSizeOf(file: EmuFile, width: number, height: number): PhotoSize {
  return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, width, height };
}

export function guessMime(name?: string): string | undefined {
  const ext = name?.split(".").pop()?.toLowerCase();
  const map: Record<string, string> = {
    pdf: "application/pdf",
    doc: "application/msword",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    odt: "application/vnd.oasis.opendocument.text",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    csv: "text/csv",
    txt: "text/plain",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    zip: "application/zip",
    exe: "application/x-msdownload",
  };
  return ext ? map[ext] : undefined;
}
