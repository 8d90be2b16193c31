/**
 * `FastComposer` and `FastBot`: grammY's `Composer` and `Bot` with the same API and the same behaviour, but a
 * middleware chain that costs little for the handlers an update does NOT match.
 *
 * Why: grammY chains middleware with nested async closures, and every `filter` (so every `command`, `hears`,
 * `callbackQuery`, `on`, `chatType`) goes through `branch` → `lazy`, which on EVERY update allocates a new
 * `Composer`, arrays and four or five promises, whether or not the filter matches. An update that walks past the
 * ~90 registered handlers of the features to reach its own paid for all of them: in the profile of `/help`, a
 * third of the CPU was grammY's chain and the garbage it left behind.
 *
 * Here a composer keeps its middleware as a list of steps (an optional predicate and a handler) and runs them in a
 * loop: a filter whose predicate is false is skipped synchronously, with no allocation; a nested composer (every
 * `use`, `filter`, `chatType`, `command` makes one) is entered and left within the same loop; only the middleware
 * that really runs gets a `next` closure and a promise (for `/help`: 13 instead of 49). Order, `next` semantics (a handler that does not call `next` ends the chain; calling
 * it twice is an error), async predicates, `ctx.match` set by predicates, errors as rejections — all as in grammY.
 * Everything else (`command`, `hears`, `on`, `errorBoundary`, `fork`, `lazy`, …) is inherited and goes through the
 * overridden `use` and `filter`.
 */
import {
  Bot,
  Composer,
  type Context,
  type Middleware,
  type MiddlewareFn,
  type MiddlewareObj,
  type NextFunction,
} from "grammy";
import { commandOf } from "./command-of.js";

type MaybePromise<T> = T | Promise<T>;

interface Step<C extends Context> {
  /** Absent for `use`; for `filter`, the step runs only when it holds. */
  pred?: (ctx: C) => MaybePromise<unknown>;
  run: MiddlewareFn<C>;
  /** Marked with `tail`: the rest of the chain runs after `run` returned, not inside its `next`. */
  tail?: boolean;
  /**
   * The step is one of our composers (`use`, `filter`, `chatType`, `command`, … create one per call): its steps
   * (a live list) are walked in place, as part of this walk, instead of calling `run` with a `next` of its own.
   */
  steps?: Step<C>[];
  /**
   * Set by `command(...)`: the command names it is for. An update whose command is none of them skips the step
   * without calling grammY's predicate (which allocates for each command filter it is asked about); a name in the
   * set still goes through the predicate, which decides (`@botname`, `ctx.match`).
   */
  commands?: Set<string>;
}

/**
 * Where the walk is: a list of steps, and where to go on in the enclosing list when this one is done. Immutable,
 * so a `next` can keep it.
 */
interface Frame<C extends Context> {
  steps: Step<C>[];
  parent: Frame<C> | undefined;
  /** Index in `parent.steps` to go on at when `steps` is exhausted. */
  resume: number;
}

const TAIL = Symbol("tail");
type TailMiddleware<C extends Context> = MiddlewareFn<C> & { [TAIL]?: true };

/**
 * Marks middleware whose last act is `await next()` — nothing of it runs after `next` resolved (checked for each
 * one marked: @grammyjs/conversations' `createConversation`, @grammyjs/i18n, our rate limit). A `FastBot` or
 * `FastComposer` then runs the rest of the chain AFTER the middleware returned instead of inside its `next`, so the
 * middleware's frame and closures are not held for the rest of the update. Same order, same result.
 */
export function tail<C extends Context>(mw: MiddlewareFn<C>): MiddlewareFn<C> {
  const marked: TailMiddleware<C> = (ctx, next) => mw(ctx, next);
  marked[TAIL] = true;
  return marked;
}

function stepOf<C extends Context>(mw: Middleware<C>): Step<C> {
  if (typeof mw === "function" && (mw as TailMiddleware<C>)[TAIL]) return { run: mw, tail: true };
  if (mw instanceof FastComposer) return mw.step();
  return { run: flatten(mw) };
}

/** False when the update's command cannot be one of `names` (grammY's predicate would say no). */
function mayBeCommand(ctx: Context, names: Set<string>): boolean {
  const cmd = commandOf(ctx);
  if (cmd === null) return false;
  if (names.has(cmd)) return true;
  const at = cmd.indexOf("@");
  return at >= 0 && names.has(cmd.slice(0, at));
}

/** Marks the step `command(...)` has just added (through `filter`) with its command names; returns its composer. */
function forCommands<C extends Context, R>(steps: Step<C>[], command: string | readonly string[], added: R): R {
  const step = steps.at(-1);
  if (step) step.commands = new Set(typeof command === "string" ? [command] : command);
  return added;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function";
}

function flatten<C extends Context>(mw: Middleware<C>): MiddlewareFn<C> {
  if (typeof mw === "function") return mw;
  // Our own composers return one stable function; other middleware objects are asked each time, as grammY does.
  if (mw instanceof FastComposer || mw instanceof FastBot) return mw.middleware() as MiddlewareFn<C>;
  const obj = mw as MiddlewareObj<C>;
  return (ctx, next) => obj.middleware()(ctx, next);
}

function toPromise(x: unknown): Promise<void> {
  return x instanceof Promise ? x : Promise.resolve(x as undefined);
}

/**
 * The chain runner over a (growing) tree of steps. Deliberately not an `async` function: a frame per step held for
 * the whole update (while it waits on Redis and the Bot API) is what outlives young-generation GC and costs most.
 * Nested composers are entered and left within one loop (no `next`, no promise), so only the middleware that really
 * runs gets a `next` closure and a promise. Errors, thrown or rejected, come back as a rejected promise, as from
 * grammY's chain.
 */
function chain<C extends Context>(steps: Step<C>[]): MiddlewareFn<C> {
  const root: Frame<C> = { steps, parent: undefined, resume: 0 };
  const run = (ctx: C, next: NextFunction, step: Step<C>, frame: Frame<C>, after: number): Promise<void> => {
    if (step.steps !== undefined) return from(ctx, next, { steps: step.steps, parent: frame, resume: after }, 0);
    let called = false;
    if (step.tail) {
      const done = step.run(ctx, () => {
        if (called) return Promise.reject(new Error("`next` already called before!"));
        called = true;
        return Promise.resolve();
      });
      return toPromise(done).then(() => (called ? from(ctx, next, frame, after) : undefined));
    }
    return toPromise(
      step.run(ctx, () => {
        if (called) return Promise.reject(new Error("`next` already called before!"));
        called = true;
        return from(ctx, next, frame, after);
      }),
    );
  };
  const from = (ctx: C, next: NextFunction, at: Frame<C>, start: number): Promise<void> => {
    let frame = at;
    let i = start;
    try {
      for (;;) {
        if (i >= frame.steps.length) {
          // This list is done: go on in the enclosing one, or leave the chain.
          if (frame.parent === undefined) return toPromise(next());
          i = frame.resume;
          frame = frame.parent;
          continue;
        }
        const step = frame.steps[i] as Step<C>;
        if (step.commands !== undefined && !mayBeCommand(ctx, step.commands)) {
          i++;
          continue;
        }
        if (step.pred !== undefined) {
          const ok = step.pred(ctx);
          if (isThenable(ok)) {
            const here = frame;
            const after = i + 1;
            return Promise.resolve(ok).then((yes) =>
              yes ? run(ctx, next, step, here, after) : from(ctx, next, here, after),
            );
          }
          if (!ok) {
            i++;
            continue;
          }
        }
        if (step.steps !== undefined) {
          frame = { steps: step.steps, parent: frame, resume: i + 1 };
          i = 0;
          continue;
        }
        return run(ctx, next, step, frame, i + 1);
      }
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return (ctx, next) => from(ctx, next, root, 0);
}

export class FastComposer<C extends Context> extends Composer<C> {
  private readonly steps: Step<C>[] = [];
  private readonly runner: MiddlewareFn<C> = chain(this.steps);

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    for (const mw of middleware) this.steps.push(stepOf(mw));
  }

  override middleware(): MiddlewareFn<C> {
    return this.runner;
  }

  /** This composer as a step of another one (walked in place), optionally behind a predicate. */
  step(pred?: (ctx: C) => MaybePromise<unknown>): Step<C> {
    return pred === undefined ? { run: this.runner, steps: this.steps } : { pred, run: this.runner, steps: this.steps };
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer(...middleware);
    this.steps.push(composer.step());
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer(...middleware);
    this.steps.push(composer.step(predicate));
    return composer;
  }

  override command(
    command: Parameters<Composer<C>["command"]>[0],
    ...middleware: Parameters<Composer<C>["command"]>[1][]
  ): ReturnType<Composer<C>["command"]> {
    return forCommands(this.steps, command, super.command(command, ...middleware));
  }
}

/** `Bot` with the chain of `FastComposer`: everything it registers goes to one root `FastComposer`. */
export class FastBot<C extends Context = Context> extends Bot<C> {
  private readonly root = new FastComposer<C>();

  override middleware(): MiddlewareFn<C> {
    return this.root.middleware();
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    return this.root.use(...middleware);
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    return this.root.filter(predicate, ...middleware);
  }

  override command(
    command: Parameters<Composer<C>["command"]>[0],
    ...middleware: Parameters<Composer<C>["command"]>[1][]
  ): ReturnType<Composer<C>["command"]> {
    return this.root.command(command, ...middleware);
  }
}
