# Imported (pre-registered) learners: who has joined the class in the bot, who has not.
roster-summary = 📋 Imported list: { $total } people — { $joined } joined, { $waiting } not yet
roster-title = <b>📋 Imported list — { $name }</b> ({ $total } people)
roster-waiting = <b>⏳ Not joined yet ({ $n })</b>
roster-joined = <b>✅ Joined ({ $n })</b>
roster-btn-view = 📋 Imported list
roster-btn-remind = 📨 Remind through the importers
roster-remind = 📨 Class «{ $name }»: { $n } people you imported have not joined the class in Trợ giảng yet:
roster-remind-link = Please pass them the class link: { $link }
roster-reminded = Reminded { $importers } importers (about { $learners } learners not joined yet).
roster-remind-failed = { $n } importers have not opened a chat with the bot, so they could not be reminded.
roster-remind-unknown = { $n } learners have no known importer — export the list and send it to their units.
roster-btn-export = 📄 Not-yet-joined list (for units)
roster-export-title = <b>Not joined «{ $name }» yet ({ $n } people)</b> — forward this list to their units:
roster-col-name = Full name
roster-col-unit = Unit
roster-col-phone = Phone
roster-col-username = Telegram username
