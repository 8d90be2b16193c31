# Written reports: submission, the instructor's list, grading.

cmd-report = Submit your written report
cmd-reports = The class's written reports: read, grade

cw-pick-class = Which class?
cw-not-your-class = You are not in charge of this class, or the button is out of date.

grade-gioi = Excellent (Giỏi)
grade-kha = Good (Khá)
grade-trung_binh = Satisfactory (Trung bình)
grade-khong_dat = Fail (Không đạt)

report-no-class = You are not in a class yet. Join with your coordinator's invite link, then submit your report.
report-pick-class = Which class is this report for?
report-intro = <b>Submit your written report</b> — class { $name }
report-deadline = ⏰ Deadline: <b>{ $deadline }</b>
report-deadline-none = ⏰ The class has no deadline set.
report-resubmit = You have submitted { $versions } time(s); this will be a new version (earlier ones are kept).
report-at-limit = You have { $versions } versions; only the latest { $kept } of a report are kept in full. If you submit again, version { $oldest } keeps only a summary (number, time, size, grade if any); its content is no longer stored.
report-how =
    The report sets out what you took from the course and how it applies to your party cell or unit: key ideas, what you will put into practice, recommendations.
    You can send:
    • text — one or several messages;
    • a PDF, DOC, DOCX or ODT file (up to 20 MB);
    • photos of handwritten pages (several).
    When done, press <b>«✅ Done»</b> to review before submitting.
report-done = ✅ Done
report-cancel = ✖️ Cancel
report-cancelled = Cancelled. Nothing was submitted.
report-empty = You have not sent anything yet. Send text, a file or photos first.
report-use-buttons = Please use the buttons of the current step.
report-received = Got part { $n }. Send more, or press «✅ Done».
report-question-check = «{ $text }» looks like a question or a note for me. Add it to your report?
report-question-add = 📝 Part of the report
report-question-skip = ❓ No, it was for the bot
report-question-skipped = I left that message out of the report (it has { $n } parts so far). Go on sending the report; ask again once it is submitted, or send the question to an instructor with /question.
report-kept = (The parts you sent before are kept: { $n }.)
report-part-repeat = You already sent this part, so I did not add it again. The report has { $n } parts so far.
report-empty-text = Empty message. Please send some content.
report-text-too-long = The part you just sent was not taken: the text of a whole report is at most { $max } characters. Send longer reports as a file (PDF, DOC, DOCX, ODT).
report-part-too-long = The part you just sent is over { $max } characters, so it was not taken. Please split it into shorter messages, or send the whole report as a file (PDF, DOC, DOCX, ODT).
report-file-unread = I could not fetch «{ $name }» to check it. Please send the file again.
report-too-many = A report has at most { $max } parts. Please press «✅ Done».
report-file-type = I cannot take «{ $name }»: only PDF, DOC, DOCX or ODT files (right extension and right format). Send another file, or photos of the pages.
report-file-too-big = { $name } is larger than 20 MB — Telegram's limit for bots. Compress or split it, or send photos of the pages.
report-photo = The photo
report-unsupported = This kind of message cannot be part of a report. Send text, a file (PDF, DOC, DOCX, ODT) or photos.
report-preview-title = <b>Review your report</b> — class { $name }
report-summary-text = • Text: { $messages } message(s), { $chars } characters
report-summary-doc = • File: { $name }
report-summary-photos = • Photos: { $n }
report-preview =
    { $body }

    Submit this?
report-confirm-send = 📨 Submit
report-confirm-more = ➕ Add more
report-confirm-restart = 🗑 Start over
report-restarted = Draft cleared. Send your content again, then press «✅ Done».
report-send-more = Send more, then press «✅ Done».
report-receipt =
    ✅ <b>Report received</b>
    • Class: { $name }
    • Time: { $time }
    • Version: { $version }
report-receipt-late = ⚠️ This one came after the deadline, so it is marked <b>late</b>.
report-new-to-instructor = 📝 <b>{ $name }</b> has just submitted a written report (version { $version }) — class { $class }.{ $late }
report-new-late = { " " }⚠️ Late.
report-open-button = 📄 Open it

reports-no-class = You are not in charge of any class yet.
reports-title = <b>Written reports — { $name }</b>
reports-counts = Submitted { $submitted }/{ $total } · graded { $graded } · missing { $missing }
reports-submitted = <b>Submitted</b>
reports-missing = <b>Missing</b>
reports-version = version { $n }
reports-late = ⚠️ late
reports-ungraded = not graded
reports-none-yet = This learner has not submitted a report.
reports-open-title = <b>Report of { $name }</b> ({ $unit })
reports-open-version = Version { $version }/{ $total }, submitted { $time }
reports-version-dropped = Only a summary is left of this version: { $parts } part(s), about { $kb } KB. Its content is no longer stored (the latest { $kept } versions of a report are kept in full).
reports-history = <b>Grading history</b>
reports-grade-prompt = Grade version { $version }:
reports-regrade-prompt = Regrade version { $version } (the earlier grade stays in the history):
reports-new-ungraded = 🆕 new version, not graded ({ $grade } was for version { $version })
reports-version-graded = This version is graded: <b>{ $grade }</b>
reports-version-ungraded = This version is not graded.
reports-open-new-ungraded = 🆕 A new version ({ $version }) is not graded yet; the grade there is for version { $graded }.
reports-open-other = 📄 Version { $version }

grade-ask-comment = Grade <b>{ $grade }</b> for { $name }. Type a comment for the learner, or press «No comment».
grade-no-comment = No comment
grade-comment-text = Please type the comment as text, or press «No comment».
grade-comment-too-long = A comment has at most { $max } characters. Please shorten it.
grade-cancelled = Cancelled; not graded.
grade-saved = ✅ Saved: { $name } — { $grade }. The learner has been told.
grade-saved-not-told = ✅ Saved: { $name } — { $grade }. The learner could not be told (they have not opened or have blocked the bot).
grade-saved-not-delivered = ✅ Saved: { $name } — { $grade }. The note to the learner could not be delivered (Telegram did not take it, perhaps the network); the learner still sees the grade in /report.
grade-learner = 📝 Your written report (class { $name }, version { $version }) was graded: <b>{ $grade }</b>.
grade-learner-regraded = 📝 Your written report (class { $name }, version { $version }) was regraded: <b>{ $grade }</b>.
grade-learner-comment = Instructor's comment: { $comment }

cmd-deadline = Set a class's report deadline
deadline-usage = Set the report deadline: <code>/deadline class-id DD/MM/YYYY [HH:MM]</code>, e.g. <code>/deadline c1 10/12/2026 17:00</code> (without a time: 23:59).
deadline-line = • { $id } { $name }: { $deadline } ({ $kind })
deadline-set = set by the coordinator
deadline-default = default: end of the day after the report-writing session
deadline-invalid = The date or time is not right. Example: <code>/deadline c1 10/12/2026 17:00</code>
deadline-notice = 📅 The written report deadline of the class “{ $name }” has changed: it is now <b>{ $deadline }</b>{ $before ->
    [none] {""}
   *[other] {" "}(before: { $before })
}.
deadline-notified = { $count } learners were told.
deadline-saved = ✅ Report deadline set:
    { $line }
report-current-grade = Current grade: <b>{ $grade }</b> (version { $version }). A new version will be graded again.
report-latest-ungraded = Your version { $version } is not graded yet.
cmd-versions = How many report versions the centre keeps in full
versions-usage = 🗂 Versions kept in full: for each learner and class, this many of the latest report versions are kept whole; older ones keep only a summary (number, time, size, grade). Set it with <code>/versions &lt;number&gt;</code> (from { $min } to { $max }), adding the centre's name when there are several centres.
versions-line = • { $centre }: { $kept } versions{ $kind ->
        [set] {""}
       *[other] {" "}(default)
    }
versions-no-centre = No class names a centre yet, so every class keeps the latest { $kept } versions in full (the default). A class's centre is set when it is created (<code>npm run cli -- class create … --centre …</code>).
versions-invalid = Sorry, the number of versions must be a whole number from { $min } to { $max } (for instance <code>/versions 5</code>).
versions-unknown-centre = No class names this centre. The centres are:
versions-name-centre = There are several centres: add the centre's name after the number (for instance <code>/versions 5 Centre name</code>). The centres are:
versions-saved = ✅ { $centre } now keeps the latest { $kept } versions of each report in full. Older versions keep only a summary once the learner submits a new one.
report-steps-preview = This submission has taken a great many messages, so Trợ giảng moves on to the preview so you can send the parts you have. If something is missing, you can send a complete version again with /report after that.
