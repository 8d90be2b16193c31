/**
 * A capability is one thing the bot does for its people (joining a class, reports, Q&A …): one grammY `Composer`
 * with its scenes and handlers, and one cheap guard, `owns(ctx)`, that says whether an update is its business — its
 * commands, its callback-data prefixes, its reply-keyboard labels (in any language), the plain text it takes — so
 * the router (index.ts) hands each update only to the composers that own it.
 *
 * The guard is not written by hand: `CapabilityBuilder` registers each handler and records what it matches in the
 * same call, so the guard and the handlers cannot drift apart. It also records the rights each handler declares
 * (a command's role from COMMANDS, a button's role and class scope), which the authorization test matrix reads.
 */
import { createConversation } from "@grammyjs/conversations";
import { type Api, type ApiClientOptions, Composer, type Middleware, type MiddlewareFn } from "grammy";
import { requireRole, requireTeaches } from "./access.js";
import type { CallbackData } from "./callback-data.js";
import { commandName, isCommand } from "./command.js";
import { COMMANDS } from "./commands.js";
import { type BotContext, type BotDeps, ROLE_RANK, type Role, type SceneContext } from "./context.js";

/** Ids of existing records a test gives to build forged callback data and scene entries aimed at them. */
interface SampleIds {
  classId: string;
  learnerId: number;
  sessionId: string;
  /** A question asked in the class, and an FAQ entry answered in it. */
  questionId: string;
  faqId: string;
}

/** A button that needs more than a learner's rights, as the authorization matrix tries it. */
interface CallbackRight {
  /** What the button does, for test names and logs. */
  name: string;
  role: Role;
  /** Only instructors of the class in the data (and coordinators) may press it. */
  classScoped: boolean;
  /** Data a forger would send, aimed at records they have no power over. */
  samples: (ids: SampleIds) => string[];
}

/** A scene that needs more than a learner's rights, and how it is entered (a command, or callback data). */
interface SceneRight {
  id: string;
  role: Role;
  classScoped: boolean;
  entries: (ids: SampleIds) => ({ command: string } | { callback: string })[];
}

/** What a capability's background work (queue workers) is started with; see src/main.ts. */
export interface StartOptions {
  api: Api;
  deps: BotDeps;
  /** For workers that need an `Api` of their own (announcement delivery has no auto-retry). */
  token: string;
  client?: ApiClientOptions;
}

export interface Capability {
  readonly name: string;
  readonly composer: Composer<BotContext>;
  /** Whether this update is this capability's business. Cheap: no I/O unless a text rule needs the session. */
  owns(ctx: BotContext): boolean | Promise<boolean>;
  /** Ids of the scenes this capability registers; an active one routes the chat's updates here. */
  readonly sceneIds: readonly string[];
  readonly commands: readonly string[];
  readonly callbackPrefixes: readonly string[];
  /** Fluent keys of the reply-keyboard labels it answers. */
  readonly labels: readonly string[];
  readonly rights: { readonly callbacks: readonly CallbackRight[]; readonly scenes: readonly SceneRight[] };
  /** Starts the capability's background work in this process. */
  start?(options: StartOptions): Promise<void>;
}

type Handler = Middleware<BotContext>;
type When = (ctx: BotContext) => boolean | Promise<boolean>;

// biome-ignore lint/suspicious/noExplicitAny: conversation builders differ in their argument lists.
type SceneBuilder = (conversation: any, ctx: SceneContext, ...args: any[]) => Promise<unknown>;

/** The parsed callback data of the update, set by the capability's callback gate for its handlers. */
const payloads = new WeakMap<object, unknown>();

/** Labels of the reply keyboard in every language of an I18n instance: label text → Fluent key. */
const labelIndex = new WeakMap<object, Map<string, string>>();

function labelKeyOf(ctx: BotContext, text: string, keys: readonly string[]): string | undefined {
  const i18n = ctx.deps.i18n;
  let index = labelIndex.get(i18n);
  if (!index) {
    index = new Map();
    labelIndex.set(i18n, index);
  }
  for (const key of keys) {
    if (!index.has(`\u0000${key}`)) {
      for (const locale of i18n.locales) index.set(i18n.t(locale, key), key);
      index.set(`\u0000${key}`, key);
    }
  }
  return index.get(text);
}

/** Plain text in a private chat: a message with text that does not start with a command. */
function plainText(ctx: BotContext): string | undefined {
  if (ctx.chat?.type !== "private" || isCommand(ctx)) return undefined;
  return ctx.message?.text;
}

interface CommandEntry {
  when: When | undefined;
  run: Composer<BotContext>;
}

/**
 * Registers a capability's scenes and handlers and builds its composer and guard from the same records. Inside the
 * composer an update goes straight to the handlers that match it — its command's, its button kind's, its label's,
 * the text rules' — looked up, not tried one filter after another.
 */
export class CapabilityBuilder {
  private readonly scenes: Middleware<BotContext>[] = [];
  private readonly sceneIdList: string[] = [];
  private readonly commandEntries = new Map<string, CommandEntry>();
  private readonly groupEntries = new Map<string, Composer<BotContext>>();
  private readonly callbackEntries: { kind: CallbackData<unknown>; run: Composer<BotContext> }[] = [];
  private readonly labelEntries = new Map<string, Composer<BotContext>>();
  private readonly textEntries: { when: When; run: Composer<BotContext> }[] = [];
  private readonly callbackRights: CallbackRight[] = [];
  private readonly sceneRights: SceneRight[] = [];
  private starter?: (options: StartOptions) => Promise<void>;

  constructor(private readonly name: string) {}

  /** Registers a scene of this capability (entered by its id from this capability's handlers). */
  scene(id: string, builder: SceneBuilder, right?: Omit<SceneRight, "id" | "classScoped"> & { classScoped?: boolean }) {
    this.scenes.push(createConversation<BotContext, SceneContext>(builder, { id, parallel: false }));
    this.sceneIdList.push(id);
    if (right) this.sceneRights.push({ id, classScoped: false, ...right });
    return this;
  }

  /**
   * A command in a private chat. Its role comes from COMMANDS (the list /help and the command menu show); above a
   * learner's, `requireRole` guards it.
   */
  command(name: string, ...handlers: Handler[]): this {
    return this.commandWhen(name, undefined, ...handlers);
  }

  /** A command of which only the updates `when` holds for are this capability's (`/start <code>` beside `/start`). */
  commandWhen(name: string, when: When | undefined, ...handlers: Handler[]): this {
    const spec = COMMANDS.find((c) => c.command === name);
    if (!spec) throw new Error(`/${name} is not in COMMANDS (src/bot/commands.ts)`);
    if (this.commandEntries.has(name)) throw new Error(`/${name} registered twice in ${this.name}`);
    const gate: Handler[] = ROLE_RANK[spec.role] > 0 ? [requireRole(spec.role)] : [];
    this.commandEntries.set(name, { when, run: new Composer(...gate, ...handlers) });
    return this;
  }

  /** A command in groups (the bot only points people to a private chat there). */
  groupCommand(names: string[], handler: Handler): this {
    for (const n of names) this.groupEntries.set(n, new Composer(handler));
    return this;
  }

  /**
   * Buttons of one kind. The data is parsed (`invalid` answers data that does not parse); `access` declares who may
   * press it — checked before the handler on every press, since anyone can forge any data — and `samples` what a
   * forger would send, for the authorization matrix.
   */
  callback<T>(
    kind: CallbackData<T>,
    options: {
      access?: { role: Role; teaches?: (data: T, ctx: BotContext) => string | undefined | Promise<string | undefined> };
      right?: { name: string; samples: (ids: SampleIds) => T[] };
      invalid?: string;
    },
    handler: (ctx: BotContext, data: T) => unknown,
  ): this {
    const data = (ctx: BotContext) => payloads.get(ctx) as T;
    const parse: MiddlewareFn<BotContext> = async (ctx, next) => {
      const parsed = kind.unpack(ctx.callbackQuery?.data ?? "");
      if (parsed === undefined) {
        await ctx.answerCallbackQuery({ text: ctx.t(options.invalid ?? "unknown-callback"), show_alert: true });
        return;
      }
      payloads.set(ctx, parsed);
      await next();
    };
    // A button outlives its record (removed, expired, or a Redis that came back empty): the press is told so, here
    // for every kind, rather than each handler meeting `undefined`. After the role gate, so a button beyond the
    // presser's role is refused the same whether its record exists or not.
    const present: MiddlewareFn<BotContext> = async (ctx, next) => {
      const records = kind.records(data(ctx));
      if (records.length === 0) return next();
      const found = await Promise.all(records.map((r) => ctx.deps.store.exists(r.kind, r.id)));
      const gone = records.filter((_, i) => !found[i]);
      if (gone.length > 0) {
        // A class removed by the retention job left its summary: the press is told the class was archived.
        const archived = await Promise.all(gone.map((r) => r.kind === "class" && ctx.deps.store.archive.has(r.id)));
        const text = ctx.t(archived.includes(true) ? "callback-class-archived" : "callback-record-gone");
        await ctx.answerCallbackQuery({ text, show_alert: true });
        return;
      }
      await next();
    };
    const gate: Handler[] = [];
    const access = options.access;
    if (access && ROLE_RANK[access.role] > 0) gate.push(requireRole(access.role));
    gate.push(present);
    if (access) {
      const teaches = access.teaches;
      if (teaches) gate.push(requireTeaches((ctx) => teaches(data(ctx), ctx)));
      const right = options.right;
      if (!right) throw new Error(`${this.name}: a privileged button (${kind.prefix}) needs samples for the matrix`);
      this.callbackRights.push({
        name: right.name,
        role: access.role,
        classScoped: teaches !== undefined,
        samples: (ids) => right.samples(ids).map((v) => kind.pack(v)),
      });
    }
    const run = new Composer<BotContext>(parse, ...gate, async (ctx) => {
      await handler(ctx, data(ctx));
    });
    this.callbackEntries.push({ kind: kind as CallbackData<unknown>, run });
    return this;
  }

  /** A reply-keyboard button, by the Fluent key of its label (typed or tapped, in any language the bot speaks). */
  label(key: string, ...handlers: Handler[]): this {
    this.labelEntries.set(key, new Composer(...handlers));
    return this;
  }

  /**
   * A reply-keyboard button that does what `/command` (registered before, in this capability) does, behind the same
   * role gate: a label typed by someone the keyboard does not offer it to is refused like the command.
   */
  labelCommand(key: string, command: string): this {
    const entry = this.commandEntries.get(command);
    if (!entry || entry.when !== undefined) throw new Error(`${this.name}: /${command} is not a plain command here`);
    this.labelEntries.set(key, entry.run);
    return this;
  }

  /** Plain text (no command) in a private chat, when `when` holds for it; a handler may pass it on with `next`. */
  text(when: When, ...handlers: Handler[]): this {
    this.textEntries.push({ when, run: new Composer(...handlers) });
    return this;
  }

  /** The capability's background work (queue workers), started once per process. */
  onStart(start: (options: StartOptions) => Promise<void>): this {
    this.starter = start;
    return this;
  }

  build(): Capability {
    const { commandEntries, groupEntries, callbackEntries, labelEntries, textEntries } = this;
    const labelKeys = [...labelEntries.keys()];

    /** The handlers of this capability that match the update, in registration order (none: not its business). */
    const matching = (ctx: BotContext): Composer<BotContext>[] | Promise<Composer<BotContext>[]> => {
      const type = ctx.chat?.type;
      if (type !== "private") {
        if (type !== "group" && type !== "supergroup") return [];
        const entry = groupEntries.get(commandName(ctx) ?? "");
        return entry ? [entry] : [];
      }
      const data = ctx.callbackQuery?.data;
      if (data !== undefined) return callbackEntries.filter((e) => e.kind.owns(data)).map((e) => e.run);
      const name = commandName(ctx);
      if (name !== null) {
        const entry = commandEntries.get(name);
        if (!entry) return [];
        if (entry.when === undefined) return [entry.run];
        const held = entry.when(ctx);
        if (held === true || held === false) return held ? [entry.run] : [];
        return held.then((yes) => (yes ? [entry.run] : []));
      }
      const text = plainText(ctx);
      if (text === undefined) return [];
      const out: Composer<BotContext>[] = [];
      if (labelKeys.length > 0) {
        const key = labelKeyOf(ctx, text, labelKeys);
        const entry = key === undefined ? undefined : labelEntries.get(key);
        if (entry) out.push(entry);
      }
      return textEntries.length === 0 ? out : textMatches(textEntries, ctx, out);
    };

    const composer = new Composer<BotContext>(...this.scenes);
    composer.lazy(matching);
    const owns = (ctx: BotContext): boolean | Promise<boolean> => {
      const found = matching(ctx);
      return Array.isArray(found) ? found.length > 0 : found.then((f) => f.length > 0);
    };
    const starter = this.starter;
    return {
      name: this.name,
      composer,
      owns,
      sceneIds: [...this.sceneIdList],
      commands: [...commandEntries.keys(), ...groupEntries.keys()],
      callbackPrefixes: callbackEntries.map((e) => e.kind.prefix),
      labels: labelKeys,
      rights: { callbacks: [...this.callbackRights], scenes: [...this.sceneRights] },
      ...(starter ? { start: starter } : {}),
    };
  }
}

/** Appends the text entries whose rule holds to `out`; awaits only the rules that are asynchronous, in order. */
function textMatches(
  entries: { when: When; run: Composer<BotContext> }[],
  ctx: BotContext,
  out: Composer<BotContext>[],
): Composer<BotContext>[] | Promise<Composer<BotContext>[]> {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as { when: When; run: Composer<BotContext> };
    const held = entry.when(ctx);
    if (held === true) out.push(entry.run);
    else if (held !== false) {
      const rest = entries.slice(i + 1);
      return held.then((yes) => {
        if (yes) out.push(entry.run);
        return textMatches(rest, ctx, out);
      });
    }
  }
  return out;
}
