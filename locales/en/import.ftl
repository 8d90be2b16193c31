## Importing the list of learners (a CSV or Excel file)
import-refused-windows_1258 = This file is not UTF-8: it was saved in the Windows-1258 code page, so names with diacritics would be corrupted. Open it in Excel, choose File → Save As → "CSV UTF-8 (Comma delimited) (*.csv)", or send the .xlsx itself, and import again.
import-refused-tcvn3 = This file uses the TCVN3 (ABC, .VnTime fonts) encoding, so names with diacritics would be corrupted. Convert it to Unicode with Unikey (conversion tool: TCVN3 (ABC) → Unicode), save it as "CSV UTF-8" or .xlsx, and import again.
import-refused-not_utf8 = This file is not UTF-8 text. Save it again as "CSV UTF-8 (Comma delimited) (*.csv)" or send the .xlsx, and import again.
import-refused-xlsx_unreadable = This Excel file cannot be read. Open it and save it as .xlsx (not the old .xls), and import again.
import-refused-empty = The file has no rows.
import-problem-needs_name_and_unit = Row { $row }: needs a full name and a unit
import-problem-bad_extra = Row { $row }: "{ $value }" is neither a phone number nor a Telegram username
import-none = No learners found in { $file }
import-cli-needs-file = learners import needs a CSV or .xlsx file
import-cli-no-file = No such file: { $file }
cmd-import = Import a class's list of learners (CSV or Excel)
limp-no-classes = There is no class to import a list into yet.
limp-pick-class = Import the list of learners for which class?
limp-pick-invalid = Please choose with the buttons below.
limp-send = Send the list of learners of <b>{ $name }</b> as a file (CSV UTF-8 or .xlsx): full name, unit, then a phone number or Telegram username if known. Type /cancel to stop.
limp-send-file = Please send the list (CSV or .xlsx) as a file.
limp-too-big = The file is over 20 MB, too big for the bot to download. Please send a smaller one.
limp-preview = File <b>{ $file }</b>: { $n ->
    [one] one learner
   *[other] { $n } learners
} to import into <b>{ $name }</b>:
limp-more = … and { $n } more
limp-problems = { $n ->
    [one] One row cannot be imported:
   *[other] { $n } rows cannot be imported:
}
limp-confirm =
    { $text }

    Import this list?
limp-yes = ✅ Import
limp-no = ✖️ Cancel
limp-cancelled = Cancelled; nothing imported.
limp-done = ✅ { $n ->
    [one] One learner
   *[other] { $n } learners
} added to the expected list of <b>{ $name }</b>. When they join, they are recognised by Telegram username or name.
limp-failed = The file could not be read again; nothing imported. Please send it again.
