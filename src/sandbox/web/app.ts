/**
 * The sandbox chat page (runs in the browser; built by esbuild when the sandbox starts). A Telegram-like client for
 * four personas talking to the real bot through the sandbox server's JSON API, with live updates over SSE.
 *
 * Safety: bot text arrives as text + entities and is turned into DOM nodes here — never assigned as HTML.
 */
import type { ChatEvent, EntityView, InlineButtonView, KeyboardView, MessageView } from "../view.js";

/** The page's own labels (sandbox chrome, not bot strings — those live in the bot's Fluent files). */
const UI = {
  brandSub: "Môi trường thử — không cần Telegram",
  personasTitle: "Bạn đang là",
  sidebarNote:
    "Mỗi người có một cuộc trò chuyện riêng với bot. Đổi người để thử vai khác; thông báo gửi cho lớp sẽ hiện ở chat của từng học viên.",
  roles: { learner: "Học viên", instructor: "Giảng viên", coordinator: "Cán bộ quản lý lớp" } as Record<string, string>,
  tipsTitle: "Gợi ý thử",
  /** What to try as each role; /commands in them can be tapped. */
  tips: {
    learner: [
      "Gõ một câu hỏi về bài học, kể cả không dấu: bai thu hoach la gi",
      "📅 Lịch học: lớp thử đang học tuần này",
      "/checkin với mã giảng viên vừa mở; /announcements đọc lại thông báo",
      "/report để nộp bản thu hoạch (chữ, tệp hoặc ảnh 📎)",
    ],
    instructor: [
      "/announce gửi thông báo cho lớp (học viên nhận ngay)",
      "/checkin_open mở điểm danh buổi học",
      "/reports xem và chấm bản thu hoạch",
    ],
    coordinator: ["/evaluation đánh giá lớp và tải tệp Excel", "/classes xem, sửa lớp", "/newclass mở lớp mới"],
  } as Record<string, string[]>,
  botStatus: "bot",
  botTyping: "đang trả lời…",
  whoami: "Đang dùng: ",
  placeholder: "Nhập tin nhắn…",
  send: "Gửi",
  menu: "Menu",
  menuTitle: "Các lệnh của bot",
  menuEmpty: "Bot chưa đặt danh sách lệnh.",
  attach: "Đính kèm tệp",
  attachDocument: "📄 Tài liệu",
  attachPhoto: "🖼 Ảnh",
  keyboardToggle: "Hiện/ẩn bàn phím trả lời",
  emptyTitle: "Chưa có tin nhắn",
  emptyText: "Bấm BẮT ĐẦU để trò chuyện với bot, như khi mở bot lần đầu trên Telegram.",
  start: "BẮT ĐẦU",
  edited: "đã sửa",
  download: "Tải về",
  openLink: "Mở liên kết",
  fileTooLarge: (limit: string) => `Tệp quá lớn: tối đa ${limit} (Telegram không cho bot tải tệp lớn hơn).`,
  notImage: "Ảnh phải là tệp JPEG, PNG, GIF hoặc WebP.",
  sendFailed: "Không gửi được: ",
  uploading: (name: string) => `Đang gửi ${name}…`,
  disconnected: "Mất kết nối với máy chủ thử, đang kết nối lại…",
  ok: "Đóng",
  spoiler: "Bấm để xem",
};

interface PersonaInfo {
  id: number;
  key: string;
  role: string;
  name: string;
  username?: string;
}

interface ChatState {
  messages: MessageView[];
  keyboard: KeyboardView | null;
  keyboardHidden: boolean;
  loaded: boolean;
  /** Live events that arrive while the history is being fetched, applied once it is in (nothing falls between). */
  buffered?: ChatEvent[];
  unread: number;
}

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

const state = {
  personas: [] as PersonaInfo[],
  current: undefined as PersonaInfo | undefined,
  chats: new Map<number, ChatState>(),
  pending: 0,
  maxUploadBytes: 20 * 1024 * 1024,
};

function chatOf(id: number): ChatState {
  let c = state.chats.get(id);
  if (!c) {
    c = { messages: [], keyboard: null, keyboardHidden: false, loaded: false, unread: 0 };
    state.chats.set(id, c);
  }
  return c;
}

// ------------------------------------------------------------------ API

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as T & { error?: string; message?: string };
  if (!res.ok) {
    const err = new Error(data.message ?? res.statusText) as Error & { code?: string };
    err.code = data.error;
    throw err;
  }
  return data;
}

/** Runs a user action; the header says the bot is answering until the bot has handled it. */
async function act(what: () => Promise<unknown>): Promise<void> {
  state.pending += 1;
  renderStatus();
  try {
    await what();
  } catch (err) {
    const e = err as Error & { code?: string };
    toast(e.code === "file_too_large" ? UI.fileTooLarge(formatSize(state.maxUploadBytes)) : UI.sendFailed + e.message);
  } finally {
    state.pending -= 1;
    renderStatus();
  }
}

const sendText = (text: string) => {
  const p = state.current;
  if (!p || text.trim() === "") return Promise.resolve();
  return act(() => api(`/api/chats/${p.id}/text`, { text }));
};

// ------------------------------------------------------------------ rich text

const SAFE_URL = /^(https?:|tg:|mailto:)/i;

/** Plain text with clickable /commands, as Telegram clients show them. */
function appendPlain(parent: Node, text: string): void {
  const re = /(^|[\s(])(\/[A-Za-z][A-Za-z0-9_]{0,31})(?=$|[\s.,;:!?)])/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + (m[1]?.length ?? 0);
    if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
    const cmd = m[2] ?? "";
    const link = h("a", { class: "command", text: cmd, attrs: { href: "#", role: "button" } });
    link.addEventListener("click", (ev) => {
      ev.preventDefault();
      void sendText(cmd);
    });
    parent.appendChild(link);
    last = start + cmd.length;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

function entityElement(e: EntityView, text: string): HTMLElement {
  const inner = text.slice(e.offset, e.offset + e.length);
  switch (e.type) {
    case "bold":
      return h("b");
    case "italic":
      return h("i");
    case "underline":
      return h("u");
    case "strikethrough":
      return h("s");
    case "code":
      return h("code");
    case "pre":
      return h("pre");
    case "blockquote":
    case "expandable_blockquote":
      return h("blockquote");
    case "spoiler": {
      const s = h("span", { class: "spoiler", attrs: { title: UI.spoiler } });
      s.addEventListener("click", () => s.classList.add("revealed"));
      return s;
    }
    case "text_link":
    case "url": {
      const href = e.type === "url" ? inner : (e.url ?? "");
      if (!SAFE_URL.test(href)) return h("span");
      return h("a", { attrs: { href, target: "_blank", rel: "noopener noreferrer" } });
    }
    default:
      return h("span", { class: `entity-${e.type}` });
  }
}

/** Builds nested elements from (possibly nested) entities over `text[start, end)`. */
function renderRange(parent: Node, text: string, entities: EntityView[], start: number, end: number): void {
  const list = entities
    .filter((e) => e.offset >= start && e.offset + e.length <= end && e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  let pos = start;
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as EntityView;
    if (e.offset < pos) continue; // overlaps a sibling without nesting: Telegram would not send it; ignore
    if (e.offset > pos) appendPlain(parent, text.slice(pos, e.offset));
    const el = entityElement(e, text);
    const nested = list.filter((x, j) => j > i && x.offset >= e.offset && x.offset + x.length <= e.offset + e.length);
    if (el.tagName === "A") el.textContent = text.slice(e.offset, e.offset + e.length);
    else renderRange(el, text, nested, e.offset, e.offset + e.length);
    parent.appendChild(el);
    pos = e.offset + e.length;
  }
  if (pos < end) appendPlain(parent, text.slice(pos, end));
}

function renderRich(text: string, entities: EntityView[] = []): DocumentFragment {
  const frag = document.createDocumentFragment();
  renderRange(frag, text, entities, 0, text.length);
  return frag;
}

// ------------------------------------------------------------------ rendering

const timeFmt = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit" });

function formatSize(bytes: number): string {
  if (bytes >= 1048576) return `${Number((bytes / 1048576).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function inlineKeyboard(m: MessageView, rows: InlineButtonView[][]): HTMLElement {
  const box = h("div", { class: "inline-keyboard" });
  for (const row of rows) {
    const r = h("div", { class: "inline-row" });
    for (const b of row) {
      if (b.url && SAFE_URL.test(b.url)) {
        r.append(
          h("a", {
            class: "inline-button",
            text: `${b.text} ↗`,
            attrs: { href: b.url, target: "_blank", rel: "noopener noreferrer", title: UI.openLink },
          }),
        );
        continue;
      }
      const btn = h("button", { class: "inline-button", text: b.text, attrs: { type: "button" } });
      if (b.data !== undefined) {
        const data = b.data;
        btn.addEventListener("click", () => {
          const p = state.current;
          if (!p) return;
          btn.classList.add("loading");
          void act(() => api(`/api/chats/${p.id}/callback`, { messageId: m.id, data })).finally(() =>
            btn.classList.remove("loading"),
          );
        });
      } else btn.disabled = true;
      r.append(btn);
    }
    box.append(r);
  }
  return box;
}

function bubble(m: MessageView): HTMLElement {
  const wrap = h("div", { class: `message ${m.from}`, attrs: { "data-id": String(m.id) } });
  const b = h("div", { class: "bubble" });
  if (m.replyTo) b.append(h("div", { class: "reply-to", text: m.replyTo.text }));
  if (m.photo) {
    const src = `/api/files/${encodeURIComponent(m.photo.fileId)}`;
    const img = h("img", { class: "photo", attrs: { src, alt: "", loading: "lazy" } });
    const link = h("a", { attrs: { href: src, target: "_blank", rel: "noopener" } }, img);
    b.append(link);
  }
  if (m.document) {
    const href = `/api/files/${encodeURIComponent(m.document.fileId)}?download=1`;
    b.append(
      h(
        "a",
        { class: "document", attrs: { href, download: m.document.name, title: UI.download } },
        h("span", { class: "doc-icon", text: "⬇" }),
        h(
          "span",
          { class: "doc-meta" },
          h("span", { class: "doc-name", text: m.document.name }),
          h("span", { class: "doc-size", text: `${formatSize(m.document.size)} · ${UI.download}` }),
        ),
      ),
    );
  }
  if (m.text) b.append(h("div", { class: "text" }, renderRich(m.text, m.entities)));
  const meta = h("span", { class: "meta" });
  if (m.edited) meta.append(h("span", { class: "edited", text: UI.edited }));
  meta.append(document.createTextNode(timeFmt.format(new Date(m.date * 1000))));
  b.append(meta);
  wrap.append(b);
  if (m.inline?.length && m.from === "bot") wrap.append(inlineKeyboard(m, m.inline));
  return wrap;
}

const atBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < 80;

function renderEmpty(): HTMLElement {
  const btn = h("button", { class: "start-button", text: UI.start, attrs: { type: "button" } });
  btn.addEventListener("click", () => void sendText("/start"));
  return h(
    "div",
    { class: "empty" },
    h("div", { class: "empty-card" }, h("h2", { text: UI.emptyTitle }), h("p", { text: UI.emptyText }), btn),
  );
}

function renderMessages(): void {
  const box = $("messages");
  const p = state.current;
  box.replaceChildren();
  if (!p) return;
  const chat = chatOf(p.id);
  if (chat.loaded && chat.messages.length === 0) box.append(renderEmpty());
  for (const m of chat.messages) box.append(bubble(m));
  box.scrollTop = box.scrollHeight;
}

function renderKeyboard(): void {
  const box = $("reply-keyboard");
  const toggle = $<HTMLButtonElement>("keyboard-toggle");
  const input = $<HTMLInputElement>("input");
  const chat = state.current ? chatOf(state.current.id) : undefined;
  const kb = chat?.keyboard;
  box.replaceChildren();
  toggle.hidden = !kb;
  input.placeholder = kb?.placeholder ?? UI.placeholder;
  if (!kb || chat?.keyboardHidden) {
    box.hidden = true;
    return;
  }
  for (const row of kb.rows) {
    const r = h("div", { class: "reply-row" });
    for (const label of row) {
      const btn = h("button", { class: "reply-button", text: label, attrs: { type: "button" } });
      btn.addEventListener("click", () => {
        if (kb.oneTime && chat) {
          chat.keyboardHidden = true;
          renderKeyboard();
        }
        void sendText(label);
      });
      r.append(btn);
    }
    box.append(r);
  }
  box.hidden = false;
}

function renderStatus(): void {
  $("chat-status").textContent = state.pending > 0 ? UI.botTyping : UI.botStatus;
  $("chat-status").classList.toggle("typing", state.pending > 0);
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  return ((parts.at(-2)?.[0] ?? "") + (parts.at(-1)?.[0] ?? "")).toUpperCase();
}

function renderTips(p: PersonaInfo): void {
  const box = $("tips");
  const tips = UI.tips[p.role] ?? [];
  box.replaceChildren();
  if (tips.length === 0) return;
  box.append(h("div", { class: "tips-title", text: UI.tipsTitle }));
  const list = h("ul");
  for (const tip of tips) {
    const li = h("li");
    appendPlain(li, tip);
    list.append(li);
  }
  box.append(list);
}

function renderPersonas(): void {
  const nav = $("personas");
  nav.replaceChildren();
  for (const p of state.personas) {
    const chat = chatOf(p.id);
    const btn = h(
      "button",
      {
        class: `persona role-${p.role}${state.current?.id === p.id ? " active" : ""}`,
        attrs: { type: "button", "data-persona": p.key, "aria-pressed": String(state.current?.id === p.id) },
      },
      h("span", { class: `avatar role-${p.role}`, text: initials(p.name) }),
      h(
        "span",
        { class: "persona-text" },
        h("span", { class: "persona-name", text: p.name }),
        h("span", { class: "persona-role", text: UI.roles[p.role] ?? p.role }),
      ),
    );
    if (chat.unread > 0) btn.append(h("span", { class: "badge", text: String(chat.unread) }));
    btn.addEventListener("click", () => void selectPersona(p));
    nav.append(btn);
  }
}

async function loadChat(p: PersonaInfo): Promise<void> {
  const chat = chatOf(p.id);
  chat.buffered ??= [];
  try {
    const data = await api<{ messages: MessageView[]; keyboard: KeyboardView | null }>(`/api/chats/${p.id}`);
    chat.messages = data.messages;
    chat.keyboard = data.keyboard;
    chat.loaded = true;
  } finally {
    const missed = chat.buffered ?? [];
    chat.buffered = undefined;
    for (const e of missed) onEvent(e);
  }
}

async function selectPersona(p: PersonaInfo): Promise<void> {
  state.current = p;
  $("toast").hidden = true;
  $("command-menu").hidden = true;
  history.replaceState(null, "", `#${p.key}`);
  const chat = chatOf(p.id);
  chat.unread = 0;
  $("whoami").textContent = `${UI.whoami}${p.name} · ${UI.roles[p.role] ?? p.role}`;
  renderTips(p);
  document.body.dataset.persona = p.key;
  // `data-shown` names the persona whose chat is on screen: set once its history is loaded and drawn (tests wait on it).
  delete document.body.dataset.shown;
  renderPersonas();
  if (!chat.loaded) await loadChat(p);
  if (state.current !== p) return;
  renderMessages();
  renderKeyboard();
  document.body.dataset.shown = p.key;
  $<HTMLInputElement>("input").focus();
}

/** Telegram's "Menu" button: the commands the bot set for this chat (setMyCommands), one tap sends one. */
async function openCommandMenu(): Promise<void> {
  const p = state.current;
  if (!p) return;
  const box = $("command-menu");
  const { commands } = await api<{ commands: { command: string; description: string }[] }>(
    `/api/chats/${p.id}/commands`,
  );
  box.replaceChildren(h("div", { class: "command-menu-title", text: UI.menuTitle }));
  if (commands.length === 0) box.append(h("div", { class: "command-menu-empty", text: UI.menuEmpty }));
  for (const c of commands) {
    const item = h(
      "button",
      { class: "command-item", attrs: { type: "button", role: "menuitem" } },
      h("span", { class: "command-name", text: `/${c.command}` }),
      h("span", { class: "command-description", text: c.description }),
    );
    item.addEventListener("click", () => {
      box.hidden = true;
      void sendText(`/${c.command}`);
    });
    box.append(item);
  }
  box.hidden = false;
}

// ------------------------------------------------------------------ live updates

function upsert(chat: ChatState, m: MessageView): void {
  const i = chat.messages.findIndex((x) => x.id === m.id);
  if (i >= 0) chat.messages[i] = m;
  else chat.messages.push(m);
}

function onEvent(e: ChatEvent): void {
  const chat = chatOf(e.chatId);
  if (chat.buffered) {
    chat.buffered.push(e);
    return;
  }
  const visible = state.current?.id === e.chatId;
  const box = $("messages");
  switch (e.type) {
    case "message":
    case "edit": {
      if (!chat.loaded) {
        if (e.type === "message" && e.message.from === "bot") chat.unread += 1;
        break;
      }
      const isNew = !chat.messages.some((x) => x.id === e.message.id);
      upsert(chat, e.message);
      if (!visible) {
        if (isNew && e.message.from === "bot") chat.unread += 1;
        break;
      }
      const existing = box.querySelector(`.message[data-id="${e.message.id}"]`);
      const el = bubble(e.message);
      // Like Telegram: follow new messages when at the bottom (or when it is my own), not while reading older ones.
      const follow = atBottom(box) || e.message.from === "user";
      if (existing) {
        existing.replaceWith(el);
        if (e.type === "edit") el.classList.add("flash");
      } else {
        box.querySelector(".empty")?.remove();
        box.append(el);
      }
      if (follow) box.scrollTop = box.scrollHeight;
      break;
    }
    case "delete":
      chat.messages = chat.messages.filter((x) => x.id !== e.messageId);
      if (visible) box.querySelector(`.message[data-id="${e.messageId}"]`)?.remove();
      break;
    case "callback_answer":
      if (visible && e.text) {
        if (e.alert) alertBox(e.text);
        else toast(e.text);
      }
      break;
    case "keyboard":
      chat.keyboard = e.keyboard;
      chat.keyboardHidden = false;
      if (visible) renderKeyboard();
      break;
  }
  if (!visible) renderPersonas();
}

function connect(): void {
  const source = new EventSource("/api/events");
  let broken = false;
  source.onmessage = (ev) => onEvent(JSON.parse(ev.data as string) as ChatEvent);
  source.onerror = () => {
    broken = true;
    banner(UI.disconnected);
  };
  source.onopen = () => {
    if (!broken) return;
    broken = false;
    banner(undefined);
    // Missed events while away: reload every chat from the server.
    for (const c of state.chats.values()) c.loaded = false;
    if (state.current) void selectPersona(state.current);
  };
}

// ------------------------------------------------------------------ notices

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string): void {
  const el = $("toast");
  el.textContent = text;
  el.hidden = false;
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 3500);
}

function alertBox(text: string): void {
  $("modal-text").textContent = text;
  $("modal").hidden = false;
  $("modal-ok").focus();
}

function banner(text: string | undefined): void {
  const el = $("banner");
  el.hidden = text === undefined;
  el.textContent = text ?? "";
}

// ------------------------------------------------------------------ uploads

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}

async function upload(kind: "document" | "photo", file: File): Promise<void> {
  const p = state.current;
  if (!p) return;
  if (file.size > state.maxUploadBytes) {
    toast(UI.fileTooLarge(formatSize(state.maxUploadBytes)));
    return;
  }
  if (kind === "photo" && !/^image\/(jpeg|png|gif|webp)$/.test(file.type)) {
    toast(UI.notImage);
    return;
  }
  const input = $<HTMLInputElement>("input");
  const caption = input.value.trim();
  input.value = "";
  const notice = UI.uploading(file.name);
  toast(notice);
  await act(async () =>
    api(`/api/chats/${p.id}/upload`, {
      kind,
      fileName: file.name,
      mimeType: file.type,
      caption: caption || undefined,
      data: await readBase64(file),
    }),
  );
  if ($("toast").textContent === notice) $("toast").hidden = true;
}

// ------------------------------------------------------------------ start

async function main(): Promise<void> {
  $("personas-title").textContent = UI.personasTitle;
  $("sidebar-note").textContent = UI.sidebarNote;
  $("brand-sub").textContent = UI.brandSub;
  $("send-button").textContent = UI.send;
  $("attach-button").title = UI.attach;
  $("attach-button").setAttribute("aria-label", UI.attach);
  $("keyboard-toggle").title = UI.keyboardToggle;
  $("keyboard-toggle").setAttribute("aria-label", UI.keyboardToggle);
  $("menu-button").replaceChildren(h("span", { text: "☰" }), h("span", { class: "menu-label", text: ` ${UI.menu}` }));
  $("menu-button").title = UI.menuTitle;
  $("attach-document").textContent = UI.attachDocument;
  $("attach-photo").textContent = UI.attachPhoto;
  $("modal-ok").textContent = UI.ok;
  $<HTMLInputElement>("input").placeholder = UI.placeholder;
  renderStatus();

  const info = await api<{
    bot: { name: string; username: string };
    personas: PersonaInfo[];
    maxUploadBytes: number;
  }>("/api/personas");
  state.personas = info.personas;
  state.maxUploadBytes = info.maxUploadBytes;
  $("brand-name").textContent = info.bot.name;
  $("chat-name").textContent = `${info.bot.name} · @${info.bot.username}`;

  $<HTMLFormElement>("composer").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const input = $<HTMLInputElement>("input");
    const text = input.value;
    if (text.trim() === "") return;
    input.value = "";
    void sendText(text);
  });
  const commandMenu = $("command-menu");
  $("menu-button").addEventListener("click", () => {
    if (!commandMenu.hidden) {
      commandMenu.hidden = true;
      return;
    }
    void openCommandMenu();
  });
  document.addEventListener("click", (ev) => {
    if (!(ev.target as HTMLElement).closest("#command-menu, #menu-button")) commandMenu.hidden = true;
  });
  const menu = $("attach-menu");
  $("attach-button").addEventListener("click", () => {
    menu.hidden = !menu.hidden;
  });
  document.addEventListener("click", (ev) => {
    if (!(ev.target as HTMLElement).closest(".attach")) menu.hidden = true;
  });
  const docInput = $<HTMLInputElement>("file-document");
  const photoInput = $<HTMLInputElement>("file-photo");
  $("attach-document").addEventListener("click", () => {
    menu.hidden = true;
    docInput.click();
  });
  $("attach-photo").addEventListener("click", () => {
    menu.hidden = true;
    photoInput.click();
  });
  for (const [el, kind] of [
    [docInput, "document"],
    [photoInput, "photo"],
  ] as const) {
    el.addEventListener("change", () => {
      const file = el.files?.[0];
      el.value = "";
      if (file) void upload(kind, file);
    });
  }
  $("keyboard-toggle").addEventListener("click", () => {
    if (!state.current) return;
    const chat = chatOf(state.current.id);
    chat.keyboardHidden = !chat.keyboardHidden;
    renderKeyboard();
  });
  $("modal-ok").addEventListener("click", () => {
    $("modal").hidden = true;
  });

  // Keep the latest message in view when the window (or the reply keyboard under the list) changes size.
  const list = $("messages");
  let pinned = true;
  list.addEventListener("scroll", () => {
    pinned = atBottom(list);
  });
  new ResizeObserver(() => {
    if (pinned) list.scrollTop = list.scrollHeight;
  }).observe(list);

  connect();
  const wanted = state.personas.find((p) => `#${p.key}` === location.hash) ?? state.personas[0];
  if (wanted) await selectPersona(wanted);
  document.body.dataset.ready = "true";
}

void main();
