/**
 * The main menu: a persistent reply keyboard. Capabilities add their buttons to `MENU_ITEMS` (and answer them with
 * `CapabilityBuilder.label`); a button shows only to
 * the roles (and registration state) it is meant for, so nobody is offered something that would refuse them.
 */

import type { I18nFlavor } from "@grammyjs/i18n";
import { Keyboard } from "grammy";
import type { ReplyKeyboardMarkup } from "grammy/types";
import { isRegistered } from "../store/index.js";
import { type AppFlavor, ROLE_RANK, type Role } from "./context.js";
import { rendered } from "./i18n.js";

interface MenuItem {
  /** Fluent key of the button label; handlers match it with `hears(key)`. */
  key: string;
  role: Role;
  /** Show only to registered users (true), only to unregistered ones (false), or to both (undefined). */
  registered?: boolean;
}

/** Each role's main actions, learners' first; a role sees its own and those of the roles below it. */
export const MENU_ITEMS: MenuItem[] = [
  { key: "menu-register", role: "learner", registered: false },
  { key: "menu-schedule", role: "learner", registered: true },
  { key: "menu-checkin", role: "learner", registered: true },
  { key: "menu-report", role: "learner", registered: true },
  { key: "menu-question", role: "learner", registered: true },
  { key: "menu-standing", role: "learner", registered: true },
  { key: "menu-announce", role: "instructor" },
  { key: "menu-reports", role: "instructor" },
  { key: "menu-attendance", role: "instructor" },
  { key: "menu-classes", role: "coordinator" },
  { key: "menu-evaluation", role: "coordinator" },
  { key: "menu-language", role: "learner", registered: false },
  { key: "menu-help", role: "learner" },
];

/** Labels no longer on the keyboard but still on clients' old keyboards (and still answered). */
const RETIRED_LABELS = ["menu-profile"];

/** Label text → its Fluent key, per I18n instance, in every language the bot speaks. */
const menuLabels = new WeakMap<object, Map<string, string>>();

/**
 * The menu item a text is the label of (in any language the bot speaks), or undefined. Scenes use it so that a tap
 * on the reply keyboard is never taken as an answer.
 */
export function menuLabelKey(i18n: { locales: string[]; t(locale: string, key: string): string }, text: string) {
  let index = menuLabels.get(i18n);
  if (!index) {
    index = new Map();
    for (const key of [...MENU_ITEMS.map((i) => i.key), ...RETIRED_LABELS])
      for (const locale of i18n.locales) index.set(i18n.t(locale, key), key);
    menuLabels.set(i18n, index);
  }
  return index.get(text.trim());
}

/** The main menu for the user of `ctx` in `role` (handlers pass `ctx.role`; scenes read the role from the store). */
export function mainMenu(ctx: I18nFlavor & AppFlavor, role: Role): ReplyKeyboardMarkup {
  const registered = isRegistered(ctx.profile);
  return rendered(ctx, `main-menu\u0000${role}\u0000${registered}`, () => {
    const items = MENU_ITEMS.filter(
      (i) => ROLE_RANK[role] >= ROLE_RANK[i.role] && (i.registered === undefined || i.registered === registered),
    );
    const kb = new Keyboard();
    items.forEach((item, i) => {
      kb.text(ctx.t(item.key));
      if (i % 2 === 1 && i < items.length - 1) kb.row();
    });
    kb.resized().persistent().placeholder(ctx.t("menu-placeholder"));
    return Object.freeze({
      keyboard: kb.build(),
      resize_keyboard: kb.resize_keyboard,
      is_persistent: kb.is_persistent,
      input_field_placeholder: kb.input_field_placeholder,
    });
  });
}
