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
