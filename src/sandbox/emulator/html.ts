/**
 * Telegram's text rules: HTML parse mode checked as Telegram checks it (so unescaped user text fails here as it
 * would in production), the entities it yields, the length limits, and the bot_command entity of typed commands.
 */
import type { MessageEntity } from "grammy/types";
import { bad } from "./errors.js";

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "tg-spoiler",
  "span",
  "blockquote",
  "tg-emoji",
]);

/** Checks HTML the way Telegram does (closely enough to catch unescaped user text) and returns the plain text. */
function parseTelegramHtml(html: string): { text: string; entities: MessageEntity[] } {
  const stack: { tag: string; offset: number; url?: string }[] = [];
  const entities: MessageEntity[] = [];
  let text = "";
  const re =
    /<(\/?)([a-zA-Z-]+)((?:\s+[a-zA-Z-]+(?:="[^"]*"|='[^']*')?)*)\s*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[<>&]/g;
  let last = 0;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    text += html.slice(last, m.index);
    last = re.lastIndex;
    const token = m[0];
    if (token === "<" || token === ">" || token === "&") {
      if (token === ">") {
        text += ">";
        continue;
      }
      throw bad(`can't parse entities: unexpected "${token}" at byte offset ${m.index}`);
    }
    if (token.startsWith("&")) {
      const name = m[4] ?? "";
      const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
      if (name.startsWith("#x")) text += String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      else if (name.startsWith("#")) text += String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      else if (named[name] !== undefined) text += named[name];
      else throw bad(`can't parse entities: unsupported entity "&${name};"`);
      continue;
    }
    const closing = m[1] === "/";
    const tag = (m[2] ?? "").toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) throw bad(`can't parse entities: unsupported start tag "${tag}"`);
    if (!closing) {
      const url = /href="([^"]*)"/.exec(m[3] ?? "")?.[1];
      stack.push({ tag, offset: text.length, url });
      continue;
    }
    const open = stack.pop();
    if (!open || open.tag !== tag) throw bad(`can't parse entities: unmatched end tag "${tag}"`);
    const type = (
      {
        b: "bold",
        strong: "bold",
        i: "italic",
        em: "italic",
        u: "underline",
        ins: "underline",
        s: "strikethrough",
        strike: "strikethrough",
        del: "strikethrough",
        a: "text_link",
        code: "code",
        pre: "pre",
        "tg-spoiler": "spoiler",
        span: "spoiler",
        blockquote: "blockquote",
        "tg-emoji": "custom_emoji",
      } as const
    )[tag as "b"] as MessageEntity["type"];
    const length = text.length - open.offset;
    if (length > 0) {
      entities.push(
        type === "text_link"
          ? { type, offset: open.offset, length, url: open.url ?? "" }
          : ({ type, offset: open.offset, length } as MessageEntity),
      );
    }
  }
  text += html.slice(last);
  if (stack.length > 0)
    throw bad(`can't parse entities: can't find end tag corresponding to start tag "${stack[0]?.tag}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

/** The bot_command entity Telegram sets on a text that starts with a command. */
export function commandEntities(text: string): MessageEntity[] {
  const m = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,64})?/.exec(text);
  return m ? [{ type: "bot_command", offset: 0, length: m[0].length }] : [];
}

/** A text or caption as Telegram stores it: parsed in its parse mode, refused when empty (texts) or over `limit`. */
export function formatted(
  raw: string,
  parseMode: unknown,
  limit: number,
  allowEmpty: boolean,
): { text: string; entities: MessageEntity[] } {
  const result = parseMode === "HTML" ? parseTelegramHtml(raw) : { text: raw, entities: [] };
  if (!allowEmpty && result.text.trim().length === 0) throw bad("message text is empty");
  if (result.text.length > limit) throw bad(limit === 1024 ? "message caption is too long" : "message is too long");
  return result;
}
