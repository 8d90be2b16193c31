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

export const MENU_ITEMS: MenuItem[] = [
  { key: "menu-register", role: "learner", registered: false },
  { key: "menu-schedule", role: "learner", registered: true },
  { key: "menu-profile", role: "learner", registered: true },
  { key: "menu-language", role: "learner" },
  { key: "menu-help", role: "learner" },
];

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
