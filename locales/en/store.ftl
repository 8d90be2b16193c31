# The store watch (src/server/store-watch.ts) and buttons whose record is gone (src/bot/capability.ts).

callback-record-gone = This item no longer exists (it was removed or has expired), so this button no longer works. Type /help to see the commands.
store-alarm-lost =
    ⚠️ Warning: the bot's data store (Redis) has lost its earlier data — the deployment marker written on { $since } is gone.
    Redis may have restarted without keeping its data, or the bot points at another Redis (REDIS_URL).
    Learners may be told they are in no class, and buttons under old messages will say the item no longer exists.
    Please tell your technical administrator at once so a backup can be restored. The bot sends this warning only once.
store-alarm-volatile =
    ⚠️ Warning: the bot's Redis runs without saving its data to disk (both RDB and AOF are off).
    If Redis restarts, every class, profile and report will be lost.
    Please ask your technical administrator to set «appendonly yes» (or ALLOW_VOLATILE_REDIS=1 if this is intended). The bot sends this warning only once.
