# Coordinators appoint and dismiss other coordinators.

cmd-appoint = Appoint a coordinator
cmd-unappoint = Dismiss a coordinator
appoint-usage = Type /appoint with the person's @username or Telegram id, for example: /appoint @nguyenvana. They must have messaged the bot at least once.
unappoint-usage = Type /unappoint with the person's @username or Telegram id, for example: /unappoint @nguyenvana.
appoint-not-found = { $who } is not among the people who have messaged the bot. Ask them to open the bot and press Start, then try again.
appoint-done = { $name } is now a coordinator.
appoint-already = { $name } is already a coordinator.
appoint-you = { $by } has appointed you as a coordinator. Type /help to see your new commands.
unappoint-done = { $name } is no longer a coordinator appointed in the bot.
unappoint-not = { $name } is not a coordinator appointed in the bot.
unappoint-config = { $name } is a coordinator by configuration (COORDINATOR_IDS); only the server administrator can change that.
unappoint-self = You cannot dismiss yourself; ask another coordinator.
