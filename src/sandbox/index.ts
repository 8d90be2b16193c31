/**
 * The local sandbox (`npm start` without BOT_TOKEN): the production bot, built by the same `createBot(deps)`, talks
 * to the in-process Bot API emulator instead of Telegram, and a web chat lets anyone play the four personas.
 * `main.ts` does the wiring; this module supplies what differs: the emulator as the bot's transport, the persona
 * coordinator in the config, the seed, and the web server.
 */
import type { Api } from "grammy";
import { publishCommands } from "../bot/commands.js";
import type { BotDeps } from "../bot/context.js";
import type { CreateBotOptions } from "../bot/index.js";
import type { Config } from "../config.js";
import { localDateOf } from "../domain/time.js";
import { BotApiEmulator } from "./emulator/index.js";
import { PERSONAS, SANDBOX_COORDINATOR_IDS } from "./personas.js";
import { seedSandbox } from "./seed.js";
import { type SandboxServer, type SandboxServerOptions, startSandboxServer } from "./server.js";

type SandboxConfig = Extract<Config, { mode: "sandbox" }>;

interface SandboxSetup {
  /** The configuration to run with: the parsed one plus the coordinator persona, as COORDINATOR_IDS would add it. */
  config: SandboxConfig;
  emu: BotApiEmulator;
  /** Pass to `createBot(deps, …)`: the emulator is the bot's Bot API. */
  botOptions: CreateBotOptions;
  /** Opens the personas' chats, seeds, serves the page; prints the URL and the personas. */
  start(
    bot: SandboxServerOptions["bot"] & { api: Api },
    deps: BotDeps,
    fallback?: SandboxServerOptions["fallback"],
  ): Promise<SandboxServer>;
}

/** Prepares the sandbox; the bot must run with the returned `config`, which makes the coordinator persona one. */
export function prepareSandbox(
  parsed: SandboxConfig,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): SandboxSetup {
  const extra = SANDBOX_COORDINATOR_IDS.filter((id) => !parsed.coordinatorIds.includes(id));
  const config = Object.freeze({ ...parsed, coordinatorIds: Object.freeze([...parsed.coordinatorIds, ...extra]) });
  const emu = new BotApiEmulator({ maxCalls: 500, firstUpdateId: Date.now() });
  const setup: SandboxSetup = {
    config,
    emu,
    botOptions: { botInfo: emu.botInfo, client: { fetch: emu.fetch } },
    async start(bot, deps, fallback) {
      for (const p of PERSONAS) emu.openChat(p.user);
      const seeded = await seedSandbox(deps, PERSONAS);
      // As joining with an instructor code would: the instructor's own command menu.
      await publishCommands(
        bot.api,
        deps.i18n,
        deps.logger,
        PERSONAS.filter((p) => p.role === "instructor").map((p) => ({ userId: p.user.id, role: p.role })),
      );
      deps.logger.info(
        { profiles: seeded.profiles, classId: seeded.demoClass.id, created: seeded.created },
        "sandbox seeded",
      );
      const server = await startSandboxServer(
        { bot, emu, personas: PERSONAS, logger: deps.logger, fallback },
        { port: config.port, host: config.host, tryNext: 10 },
      );
      const roles = { learner: "learner", instructor: "instructor", coordinator: "coordinator" } as const;
      out("");
      if (server.portTaken !== undefined) out(`Port ${server.portTaken} is in use; the sandbox took ${server.port}.`);
      out(`Sandbox: ${server.url}`);
      out(
        `  The bot runs locally against a Bot API emulator — no Telegram, ${
          config.storage === "redis" ? "data in Redis" : "data in memory (lost on exit)"
        }.`,
      );
      out("  Open the page and pick a persona:");
      for (const p of PERSONAS)
        out(`    ${p.profile.fullName.padEnd(16)} ${roles[p.role].padEnd(12)} (id ${p.user.id})`);
      const first = seeded.demoClass.sessions[0];
      const last = seeded.demoClass.sessions.at(-1);
      out(
        `  Demo class "${seeded.demoClass.name}": ${seeded.demoClass.sessions.length} sessions, ${
          first ? localDateOf(first.start, seeded.demoClass.timeZone) : "?"
        } to ${last ? localDateOf(last.start, seeded.demoClass.timeZone) : "?"}.`,
      );
      out("  Stop with Ctrl+C. To run on Telegram, set BOT_TOKEN and REDIS_URL (see .env.example).");
      out("");
      return server;
    },
  };
  return setup;
}
