# Announcements: /announce (instructors, coordinators), /announcements (learners), /unreachable (coordinators).

cmd-announce = Send an announcement to classes
cmd-announcements = Reread recent announcements
cmd-unreachable = Learners the bot cannot reach

ann-no-classes = You do not teach any class yet, so there is nobody to announce to.
ann-choose-audience = <b>Announcement</b> — step 1/3. Choose the classes (tap to select or unselect), then tap «Next». Type /cancel to stop.
ann-audience-centre = 🏫 All of { $centre } ({ $count ->
    [one] one class
   *[other] { $count } classes
})
ann-audience-all = 📚 All my classes
ann-audience-next = ➡️ Next
ann-audience-cancel = ✖️ Cancel
ann-audience-none = Please choose at least one class.
ann-audience-chosen = To: <b>{ $classes }</b> — { $count ->
    [one] one learner
   *[other] { $count } learners
}.
ann-ask-content = Step 2/3. Send the announcement: a text message, or one photo / one file (a caption is optional).
ann-content-invalid = I need a text message, a photo or a file. Please send it again.
ann-content-too-long = Too long: at most { $max } characters for this kind of message, this one has { $length }. Please send a shorter one.
ann-preview-intro = Step 3/3. Learners will receive exactly this:
ann-confirm = Send this announcement to { $count ->
    [one] the one learner
   *[other] { $count } learners
} of <b>{ $classes }</b>?
ann-confirm-send = ✅ Send
ann-confirm-edit = ✏️ Rewrite
ann-confirm-cancel = ✖️ Cancel
ann-cancelled = Cancelled; nothing was sent.
ann-not-allowed-now = You may no longer send to the chosen classes, so the announcement was not sent.
ann-no-learners = The chosen classes have no learners yet.
ann-unavailable = Announcements are paused right now. Please try again later.

ann-progress = 📤 Sending: { $done }/{ $total } — delivered { $delivered }, blocked { $blocked }, failed { $failed }.
ann-progress-done = ✅ Sent: { $done }/{ $total } — delivered { $delivered }, blocked { $blocked }, failed { $failed }.

ann-message-header = 📢 <b>Announcement</b> — { $classes }
ann-message-footer = — <i>{ $sender }</i>

ann-report-title = 📊 <b>Announcement report</b> — { $classes }
ann-report-counts = { $total ->
    [one] One learner
   *[other] { $total } learners
}: delivered { $delivered } · blocked the bot or account gone { $blocked } · failed { $failed }.
ann-report-blocked = 🚫 Blocked the bot or account gone ({ $count }):
ann-report-failed = ⚠️ Could not be delivered after several attempts ({ $count }):
ann-report-all = Every learner received the announcement.

ann-list-empty = There are no announcements for your classes yet.
ann-list-title = 📢 <b>Recent announcements</b> ({ $count })
ann-list-item = <b>{ $n }.</b> { $date } · { $classes } · <i>{ $sender }</i>
ann-list-attachment = 📎 Comes with a photo or file.
ann-list-show-file = 📎 File of announcement { $n }
ann-list-file-gone = This announcement is no longer available.

ann-unreachable-title = 🚫 <b>Learners the bot cannot reach</b> (blocked the bot or account gone)
ann-unreachable-class = <b>{ $class }</b> ({ $count }):
ann-unreachable-item = • { $name } — since { $date }
ann-unreachable-none = No learner has blocked the bot.
