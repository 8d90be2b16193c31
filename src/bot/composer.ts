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
 * loop: a filter whose predicate is false is skipped synchronously, with no allocation; only the steps that run get
 * a `next` closure and a promise. Order, `next` semantics (a handler that does not call `next` ends the chain; calling
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

type MaybePromise<T> = T | Promise<T>;

interface Step<C extends Context> {
  /** Absent for `use`; for `filter`, the step runs only when it holds. */
  pred?: (ctx: C) => MaybePromise<unknown>;
  run: MiddlewareFn<C>;
  /** Marked with `tail`: the rest of the chain runs after `run` returned, not inside its `next`. */
  tail?: boolean;
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
  return typeof mw === "function" && (mw as TailMiddleware<C>)[TAIL] ? { run: mw, tail: true } : { run: flatten(mw) };
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
 * The chain runner over a (growing) list of steps. Deliberately not an `async` function: a frame per step held for
 * the whole update (while it waits on Redis and the Bot API) is what outlives young-generation GC and costs most.
 * Errors, thrown or rejected, come back as a rejected promise, as from grammY's chain.
 */
function chain<C extends Context>(steps: Step<C>[]): MiddlewareFn<C> {
  const run = (ctx: C, next: NextFunction, step: Step<C>, after: number): Promise<void> => {
    let called = false;
    if (step.tail) {
      const done = step.run(ctx, () => {
        if (called) return Promise.reject(new Error("`next` already called before!"));
        called = true;
        return Promise.resolve();
      });
      return toPromise(done).then(() => (called ? from(ctx, next, after) : undefined));
    }
    return toPromise(
      step.run(ctx, () => {
        if (called) return Promise.reject(new Error("`next` already called before!"));
        called = true;
        return from(ctx, next, after);
      }),
    );
  };
  const from = (ctx: C, next: NextFunction, start: number): Promise<void> => {
    try {
      for (let i = start; i < steps.length; i++) {
        const step = steps[i] as Step<C>;
        if (step.pred !== undefined) {
          const ok = step.pred(ctx);
          if (isThenable(ok)) {
            return Promise.resolve(ok).then((yes) => (yes ? run(ctx, next, step, i + 1) : from(ctx, next, i + 1)));
          }
          if (!ok) continue;
        }
        return run(ctx, next, step, i + 1);
      }
      return toPromise(next());
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return (ctx, next) => from(ctx, next, 0);
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

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer(...middleware);
    this.steps.push({ run: composer.runner });
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer(...middleware);
    this.steps.push({ pred: predicate, run: composer.runner });
    return composer;
  }
}

/** `Bot` with the chain of `FastComposer` (the Bot is a Composer too: its own `use`/`command` chain). */
export class FastBot<C extends Context = Context> extends Bot<C> {
  private readonly steps: Step<C>[] = [];
  private readonly runner: MiddlewareFn<C> = chain(this.steps);

  override middleware(): MiddlewareFn<C> {
    return this.runner;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer(...middleware);
    this.steps.push({ run: composer.middleware() });
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer(...middleware);
    this.steps.push({ pred: predicate, run: composer.middleware() });
    return composer;
  }
}
