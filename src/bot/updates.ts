/**
 * The update types the bot handles: what polling asks for and what `npm run webhook:set` registers with Telegram.
 * Its own module so that both import it without running `main`. A feature that needs another update type (for
 * example `chat_member` or `message_reaction`) adds it here, and the webhook is registered again.
 */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;
