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
export interface SampleIds {
  classId: string;
  learnerId: number;
  sessionId: string;
}

/** A button that needs more than a learner's rights, as the authorization matrix tries it. */
export interface CallbackRight {
  /** What the button does, for test names and logs. */
  name: string;
  role: Role;
  /** Only instructors of the class in the data (and coordinators) may press it. */
  classScoped: boolean;
  /** Data a forger would send, aimed at records they have no power over. */
  samples: (ids: SampleIds) => string[];
}

/** A scene that needs more than a learner's rights, and how it is entered (a command, or callback data). */
export interface SceneRight {
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

export class CapabilityBuilder {
  private readonly scenes: Middleware<BotContext>[] = [];
  private readonly sceneIdList: string[] = [];
  /** Handlers in private chats, in registration order. */
  private readonly pm = new Composer<BotContext>();
  /** Handlers in groups (most capabilities have none). */
  private readonly groups = new Composer<BotContext>();
  private readonly commandRules = new Map<string, When | undefined>();
  private readonly groupCommands = new Set<string>();
  private readonly callbackKinds: CallbackData<unknown>[] = [];
  private readonly labelKeys: string[] = [];
  private readonly textRules: When[] = [];
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
   * learner's, `requireRole` guards it. With `when`, only the updates it holds for are this capability's (for
   * `/start <code>` beside a bare `/start`).
   */
  command(name: string, ...handlers: Handler[]): this {
    return this.commandWhen(name, undefined, ...handlers);
  }

  commandWhen(name: string, when: When | undefined, ...handlers: Handler[]): this {
    const spec = COMMANDS.find((c) => c.command === name);
    if (!spec) throw new Error(`/${name} is not in COMMANDS (src/bot/commands.ts)`);
    if (this.commandRules.has(name)) throw new Error(`/${name} registered twice in ${this.name}`);
    this.commandRules.set(name, when);
    const gate: Handler[] = ROLE_RANK[spec.role] > 0 ? [requireRole(spec.role)] : [];
    const matching = when ? this.pm.command(name).filter(when) : this.pm.command(name);
    matching.use(...gate, ...handlers);
    return this;
  }

  /** A command in groups (the bot only points people to a private chat there). */
  groupCommand(names: string[], handler: Handler): this {
    for (const n of names) this.groupCommands.add(n);
    this.groups.command(names, handler);
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
    this.callbackKinds.push(kind as CallbackData<unknown>);
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
    const gate: Handler[] = [];
    const access = options.access;
    if (access) {
      if (ROLE_RANK[access.role] > 0) gate.push(requireRole(access.role));
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
    this.pm
      .filter((ctx) => ctx.callbackQuery?.data !== undefined && kind.owns(ctx.callbackQuery.data))
      .use(parse, ...gate, async (ctx) => {
        await handler(ctx, data(ctx));
      });
    return this;
  }

  /** A reply-keyboard button, by the Fluent key of its label (typed or tapped, in any language the bot speaks). */
  label(key: string, ...handlers: Handler[]): this {
    this.labelKeys.push(key);
    const keys = [key];
    this.pm.filter(
      (ctx) => {
        const text = plainText(ctx);
        return text !== undefined && labelKeyOf(ctx, text, keys) === key;
      },
      ...handlers,
    );
    return this;
  }

  /** Plain text (no command) in a private chat, when `when` holds for it. */
  text(when: When, ...handlers: Handler[]): this {
    this.textRules.push(when);
    this.pm.filter((ctx) => plainText(ctx) !== undefined).filter(when, ...handlers);
    return this;
  }

  /** The capability's background work (queue workers), started once per process. */
  onStart(start: (options: StartOptions) => Promise<void>): this {
    this.starter = start;
    return this;
  }

  build(): Capability {
    const composer = new Composer<BotContext>(...this.scenes);
    composer.chatType("private").use(this.pm);
    if (this.groupCommands.size > 0) composer.chatType(["group", "supergroup"]).use(this.groups);
    const commandRules = this.commandRules;
    const groupCommands = this.groupCommands;
    const callbackKinds = this.callbackKinds;
    const labelKeys = this.labelKeys;
    const textRules = this.textRules;
    const owns = (ctx: BotContext): boolean | Promise<boolean> => {
      const type = ctx.chat?.type;
      if (type !== "private") {
        if (type !== "group" && type !== "supergroup") return false;
        const name = commandName(ctx);
        return name !== null && groupCommands.has(name);
      }
      const data = ctx.callbackQuery?.data;
      if (data !== undefined) return callbackKinds.some((k) => k.owns(data));
      const name = commandName(ctx);
      if (name !== null) {
        if (!commandRules.has(name)) return false;
        const when = commandRules.get(name);
        return when === undefined ? true : when(ctx);
      }
      const text = plainText(ctx);
      if (text === undefined) return false;
      if (labelKeys.length > 0) {
        const key = labelKeyOf(ctx, text, labelKeys);
        if (key !== undefined && labelKeys.includes(key)) return true;
      }
      return anyHolds(textRules, ctx);
    };
    const starter = this.starter;
    return {
      name: this.name,
      composer,
      owns,
      sceneIds: [...this.sceneIdList],
      commands: [...commandRules.keys(), ...groupCommands],
      callbackPrefixes: callbackKinds.map((k) => k.prefix),
      labels: [...labelKeys],
      rights: { callbacks: [...this.callbackRights], scenes: [...this.sceneRights] },
      ...(starter ? { start: starter } : {}),
    };
  }
}

/** True when one of `rules` holds; awaits only the rules that are asynchronous, in order. */
function anyHolds(rules: When[], ctx: BotContext): boolean | Promise<boolean> {
  for (let i = 0; i < rules.length; i++) {
    const held = (rules[i] as When)(ctx);
    if (held === true) return true;
    if (held !== false) {
      const rest = rules.slice(i + 1);
      return Promise.resolve(held).then((yes) => (yes ? true : anyHolds(rest, ctx)));
    }
  }
  return false;
}
