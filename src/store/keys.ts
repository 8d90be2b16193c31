/**
 * The Redis key schema — the only place that spells out keys. Every repository in `src/store/` builds its keys
 * through these functions, so a `redis-cli --scan` over a production database reads like this table.
 *
 * | key                              | type   | holds                                                            |
 * |----------------------------------|--------|------------------------------------------------------------------|
 * | `sess:<chatId>`                  | string | grammY session (JSON) of one private chat: UI state only         |
 * | `conv:<chatId>`                  | string | @grammyjs/conversations v2 state (JSON): scene replay log        |
 * | `user:<userId>`                  | string | user profile (JSON): name, unit, position, language              |
 * | `users`                          | set    | ids of every user who ever talked to the bot                     |
 * | `coordinators`                   | set    | user ids appointed coordinator in the bot (config ids come on top) |
 * | `instructs:<userId>`             | set    | class ids the user teaches (makes them an instructor)            |
 * | `upd:<updateId>`                 | string | "1": this update was claimed by a process (SET NX EX 24 h), dedupe |
 * | `rl:<userId>`                    | string | per-user update counter of the current rate-limit window (PX)    |
 *
 * Feature repositories add their rows below as they land; keep one prefix per concern.
 */
export const keys = {
  session: (chatKey: string) => `sess:${chatKey}`,
  sessionPrefix: "sess:",
  conversationPrefix: "conv:",
  user: (userId: number) => `user:${userId}`,
  users: () => "users",
  coordinators: () => "coordinators",
  instructs: (userId: number) => `instructs:${userId}`,
  update: (updateId: number) => `upd:${updateId}`,
  rateLimitPrefix: "rl:",
} as const;
