## The admin CLI (npm run cli -- …): centre staff read these messages
cli-usage =
    Usage: npm run cli -- <command> [--lang vi|en]
      class create --name <text> --start <YYYY-MM-DD> [--days 4|5] [--venue <text>] [--centre <text>] [--followup-days <days>] [--weekend-start keep|monday] [--past-start yes]
      class list
      class schedule <classId>
      class export <classId> [--format json|csv] [--evaluation <dir>] [--delimiter ";"]   (dir: writes the evaluation XLSX and CSV)
      learners import <classId> <file.csv|.xlsx> [--by <telegramId>]   (columns: full name, unit, optional phone / Telegram
                                               username; --by: who passes reminders on to those not joined yet)
      material add <file> (--centre <name> | --class <classId>) [--replace <materialId>]   (DOCX, PDF, ODT, Markdown)
      material list [--centre <name>]
      material remove <materialId>
      store status                  (the deployment marker, a data-loss alarm, Redis's persistence)
      store ack                     (clears the data-loss alarm once the backup is restored or REDIS_URL fixed)
    Needs REDIS_URL (the bot's Redis). Prints JSON; messages are in Vietnamese unless --lang en.
cli-prefix = trogiang cli: { $message }
cli-needs-redis =
    trogiang cli: REDIS_URL is required — the CLI works on the bot's Redis, e.g.
      REDIS_URL=redis://127.0.0.1:6379/0 npm run cli -- class list
cli-bad-lang = --lang must be vi or en (got "{ $lang }")
cli-flag-needs-value = --{ $name } needs a value
cli-unknown-option = unknown option --{ $name }
cli-needs-class-id = { $command } needs a class id
cli-no-class = no class with id "{ $id }" (see: class list)
cli-name-required = --name is required (at least 3 characters)
cli-start-required = --start is required (YYYY-MM-DD)
cli-start-not-date = --start "{ $value }" is not a date (YYYY-MM-DD, e.g. 2026-12-01)
cli-start-past = the start date { $start } is in the past; if that is right (a class already held), add --past-start yes
cli-start-weekend = the start date { $start } is a Saturday or Sunday; add --weekend-start keep to start on that day, or --weekend-start monday to start on the Monday after
cli-days-invalid = --days must be 4 or 5 (got "{ $value }")
cli-followup-invalid = --followup-days must be a whole number of days from 1 to 730 (got "{ $value }")
cli-unexpected-argument = unexpected argument "{ $value }"
cli-format-invalid = --format must be json or csv (got "{ $value }")
cli-delimiter-invalid = --delimiter must be , or ; (got "{ $value }")
cli-by-invalid = --by needs a Telegram user id (digits)
cli-unknown-command = unknown command "{ $command }"
cli-no-command = no command given
cli-material-needs-file = material add needs a file
cli-no-file = no such file: { $file }
cli-material-needs-scope = material add needs --centre <name> or --class <classId>
cli-no-material = no material with id "{ $id }"
cli-material-too-big = { $file } is over 20 MB, the bot download limit
cli-material-needs-id = material remove needs a material id (see: material list)
cli-material-scanned = { $file }: a scan (images) with no text layer, nothing to read; use the DOCX, a PDF exported from Word/LibreOffice, or run OCR on it first
cli-material-empty = { $file }: no text to read
cli-material-unreadable = { $file }: could not be opened (damaged or password-protected); save it again
cli-material-unsupported = { $file }: not a DOCX, PDF, ODT or Markdown file
