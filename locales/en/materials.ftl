cmd-material = Add a file of the centre's material (DOCX, PDF, ODT)
cmd-materials = The centre's material files
material-cite = { $file } · { $path }
material-cite-page = { $file }, p. { $page } · { $path }
material-send = 📎 Send the file (DOCX, PDF, ODT or Markdown, 20 MB at most). The bot reads it and shows you a preview before saving.
material-send-file = Send the file as a document (📎 → File), or tap «Cancel».
material-cancel = Cancel
material-cancelled = Cancelled, nothing saved.
material-too-big = «{ $name }» is larger than 20 MB — Telegram does not let bots download larger files. Split it into parts or compress its images, then send it again.
material-wrong-type = The bot cannot read files like «{ $name }» yet. Send DOCX, PDF, ODT or Markdown (.md).
material-problem-scanned = «{ $name }» is a scan (images) with no text layer, so the bot cannot read it. Send the DOCX, or a PDF exported from Word/LibreOffice, or run text recognition (OCR) on it first and send it again.
material-problem-empty = «{ $name }» has no text to read.
material-problem-unreadable = «{ $name }» could not be opened (damaged or password-protected). Save it again and resend it.
material-problem-unsupported = The bot cannot read files like «{ $name }» yet. Send DOCX, PDF, ODT or Markdown (.md).
material-problem-no-headings = ⚠️ No headings found in «{ $name }»: its passages will carry only the document's name. With Word's «Heading 1, 2…» styles, answers point to the section.
material-pick-scope = Who may read this file?
material-scope-centre = The whole centre: { $centre }
material-scope-class = Class: { $name }
material-no-scope = There are no classes yet. Create one (/newclass) first, then add material for a class or the centre.
material-preview =
    <b>Preview</b>: { $name }
    Title: <b>{ $title }</b>
    Searchable passages: { $passages }{ $pages ->
        [0] {""}
       *[other] {""} · { $pages } pages
    }
    Readers: { $scope }
material-preview-headings = Headings found ({ $n }):
material-preview-more = … and { $n } more
material-confirm = ✅ Save the file
material-confirm-or-cancel = Tap «Save the file» or «Cancel».
material-added = ✅ «{ $name }» added ({ $passages } passages). Learners find it as soon as they ask.
material-replaced = ✅ «{ $name }» replaced ({ $passages } passages); the old content is no longer found.
material-replacing = Replacing «{ $name }»: send the new file; its readers stay the same.
material-gone = This file is no longer there.
material-none = The centre has no files yet. Use /material to add one.
material-list-title = <b>The centre's material</b> ({ $n } files)
material-list-item = { $n }. { $name } — <b>{ $title }</b>{ $pages ->
        [0] {""}
       *[other] , { $pages } pages
    }
    { $scope }
material-replace = 🔄 Replace { $n }
material-remove = 🗑 Remove { $n }
material-remove-ask = Remove «{ $name }»? Learners will no longer find its content.
material-remove-yes = 🗑 Remove it
material-removed = «{ $name }» removed.
reports-similar = ⚠️ { $percent }% like another report
similar-match = ⚠️ <b>{ $percent }% like the report of { $name }</b> (class { $class }). Shared sentences:
similar-pair =
    — This one: «{ $mine }»
      The other: «{ $theirs }»
similar-none = 🔎 No report of the centre shares more than { $percent }% of this one's own text.
similar-quoted = 📚 { $percent }% of it quotes the course material (not counted as copying someone).
similar-note = The bot only compares, for your reference; the instructor grades.
similar-not-comparable = 🔎 This report has too little text of its own to compare (photos only, for instance).
similar-pending = ⏳ { $n } reports could not be read in time to compare; open this again in a few minutes for the full comparison.
cmd-similarity = How alike reports of the centre must be to be marked
similarity-usage = 🔎 Similarity threshold: /reports marks a report that shares at least this much with another one. Set it with <code>/similarity &lt;percent&gt;</code> (from { $min } to { $max }), adding the centre's name when there are several centres.
similarity-line = • { $centre }: { $percent }%{ $kind ->
        [set] {""}
       *[other] {" "}(default)
    }
similarity-no-centre = No class names a centre yet, so every class uses the default threshold of { $percent }%. A class's centre is set when it is created (<code>npm run cli -- class create … --centre …</code>).
similarity-invalid = Sorry, the threshold must be a whole number from { $min } to { $max } (for instance <code>/similarity 80</code>).
similarity-unknown-centre = No class names this centre. The centres are:
similarity-pick = Set { $percent }% for which centre?
similarity-saved = ✅ { $centre }'s similarity threshold is now { $percent }%. /reports marks reports alike from { $percent }% on.
