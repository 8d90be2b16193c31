import { pino } from "pino";

export type Logger = pino.Logger;

/** One pino logger for the process; middleware derives a child per update. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: "trogiang" } }, destination);
}
