# Classes: creating classes, invite codes, the schedule, reminders, check-in.

menu-schedule = 📅 Schedule

cmd-schedule = Your class schedule
cmd-today = What is on today
cmd-next = The next session
cmd-checkin = Check in with the code
cmd-settings = Reminder settings
cmd-leave = Leave a class
cmd-checkin-open = Open check-in for a session
cmd-attendance = Who is present, who is missing
cmd-newclass = Create a class
cmd-classes = Classes and edits

cls-weekday-0 = Sunday
cls-weekday-1 = Monday
cls-weekday-2 = Tuesday
cls-weekday-3 = Wednesday
cls-weekday-4 = Thursday
cls-weekday-5 = Friday
cls-weekday-6 = Saturday
cls-date = { $weekday }, { $date }
cls-half-morning = Morning
cls-half-afternoon = Afternoon
cls-when = { $half } of { $day } ({ $times })
cls-title-lesson = Lesson { $n }. { $title }
cls-title-topic = Topic: { $title }
cls-short-lesson = Lesson { $n }
cls-at-venue = at { $venue }
cls-by-instructor = instructor: { $name }
cls-schedule-title = 📅 <b>Schedule — { $name }</b>
cls-centre-line = 🏛 Organised by: { $centre }
cls-venue-line = 📍 Venue: { $venue }
cls-schedule-day = <b>Day { $day } — { $date }</b>
cls-schedule-legend = ✅ done · ▶️ now · ⏭ next
cls-role-learner = learner
cls-role-instructor = instructor

cls-none = You are not in any class yet. Open the class invite link your coordinator sent you.
cls-none-taught = You do not teach any class yet. Open the instructor invite link your coordinator sent you.
cls-pick = You are in several classes. Pick one:
cls-not-found = That class or session was not found (it may have changed). Type /help for the commands.
cls-not-member = You are not in the class “{ $name }”.

cls-code-wrong = That invite code is not right. Check the link your coordinator sent, or ask them again.
cls-code-revoked = That invite code was revoked. Ask your coordinator for the new link.
cls-join-register-first = Welcome to the class “{ $name }”. Before you join, please tell me about yourself.
cls-join-prefilled =
    Your name is on the class list:
    • Full name: <b>{ $name }</b>
    • Unit: <b>{ $unit }</b>
    Please pick your <b>position</b> in the party committee:
cls-joined = ✅ You joined the class “{ $name }”. First session: { $day }. Tap “📅 Schedule” or type /schedule; I will remind you before each session.
cls-join-already = You are already in the class “{ $name }”. Type /schedule to see the schedule.
cls-instructor-already = You are already an instructor of the class “{ $name }”.
cls-left = You left the class “{ $name }” and will get no more of its reminders.

cls-today-none = The class “{ $name }” has no session today.
cls-today-title = 📅 <b>Today — { $day }</b> (class { $name })
cls-now-line = ▶️ Now: { $title } — { $when }
cls-next-line = ⏭ Next: { $title } — { $when }
cls-next-none = The class “{ $name }” has finished all its sessions.

cls-settings-title = 🔔 <b>Reminders</b> — tap to turn each kind on or off:
cls-setting-evening_before = The evening before (19:00)
cls-setting-session_soon = 30 minutes before each session
cls-setting-report_deadline = Written report deadline
cls-setting-muted = Off: { $what }
cls-setting-unmuted = On: { $what }

cls-remind-evening = 🔔 <b>Reminder</b> — { $when ->
    [today] today
    [tomorrow] tomorrow
   *[other] coming up
}, { $day }, the class “{ $name }” has:
cls-remind-soon = 🔔 In { $minutes } minutes ({ $time }) the class “{ $name }” starts: { $title }. Venue: { $venue }.
cls-remind-deadline = 🔔 Reminder: the written report of the class “{ $name }” is due at { $time } { $when ->
    [today] today,{" "}
    [tomorrow] tomorrow,{" "}
   *[other] on{" "}
}{ $day }.
cls-remind-deadline-soon = ⏰ Only a few hours left to hand in the written report of the class “{ $name }” ({ $time }, { $when ->
    [today] today,{" "}
    [tomorrow] tomorrow,{" "}
   *[other] {""}
}{ $day }).

cls-checkin-no-session = The class “{ $name }” has no session left to check in to.
cls-checkin-opened =
    ✅ Check-in is open: { $title } (class { $name }).
    Check-in code: <b>{ $code }</b>
    Show it in the room. It is valid for { $minutes } minutes (until { $until }). Learners send /checkin { $code } or just the 4 digits.
cls-checkin-none-open = None of your classes has check-in open now. Wait for the instructor to open it and show the code.
cls-checkin-ask = Please send the 4-digit check-in code shown in the room.
cls-checkin-ok = ✅ Checked in: { $title } (class { $name }). Thank you!
cls-checkin-already = You have already checked in ({ $title }).
cls-checkin-wrong = ❌ That check-in code is wrong. { $left ->
    [one] One attempt left.
   *[other] { $left } attempts left.
}
cls-checkin-blocked = Too many wrong codes. Please try again after { $until }, or tell the instructor.
cls-checkin-format = The check-in code is exactly 4 digits (e.g. 1234). Please send it again.

cls-attendance-none = The class “{ $name }” has no session to show attendance for yet.
cls-attendance-title = 📋 <b>Attendance — { $title }</b>
    { $when }, class { $name }: { $present }/{ $total } present
cls-attendance-present = <b>Present</b>
cls-attendance-missing = <b>Missing</b>

cls-new-intro = <b>New class</b> — 5 steps. Type /cancel at any time to stop.
cls-new-ask-name = Step 1/5. The <b>class name</b>?
cls-new-name-invalid = The class name needs 3 to 120 characters. Please type it again.
cls-new-ask-centre = Step 2/5. The <b>organising centre or unit</b>?
cls-new-ask-venue = Step 3/5. The <b>venue</b>?
cls-new-text-invalid = This needs 2 to 200 characters. Please type it again.
cls-new-ask-start = Step 4/5. The <b>first day</b>? (as 01/12/2026 or 2026-12-01)
cls-new-date-invalid = That is not a valid date. Please type it as 01/12/2026 (day/month/year) or 2026-12-01.
cls-new-ask-variant = Step 5/5. How <b>many days</b>?
cls-new-variant = { $days } days
cls-new-confirm = This is the planned schedule. Create the class with it?
cls-new-confirm-yes = ✅ Create the class
cls-new-confirm-again = ✏️ Start over
cls-new-created =
    ✅ Created the class “{ $name }” (id { $id }).
    🔗 <b>Learner</b> invite link: { $learnerLink }
    🔗 <b>Instructor</b> invite link: { $instructorLink }
    Send each link to the right people. You can revoke and renew them in /classes.

cls-list-empty = There are no classes yet. Type /newclass to create one.
cls-list-title = <b>Classes</b> — pick one to see and edit it:
cls-list-line = • { $name } ({ $id }) — starts { $start }, { $learners ->
    [one] one learner
   *[other] { $learners } learners
}
cls-card =
    <b>{ $name }</b> ({ $id })
    🏛 { $centre }
    📍 { $venue }
    From: { $from }
    To: { $to }
    👥 { $learners ->
        [one] one learner
       *[other] { $learners } learners
    }, { $instructors ->
        [one] one instructor
       *[other] { $instructors } instructors
    }
cls-btn-schedule = 📅 Schedule
cls-btn-links = 🔗 Invite links
cls-btn-move = ↔️ Move a session
cls-btn-venue = 📍 Change venue
cls-btn-instructor = 👤 Change instructor
cls-btn-learners = 👥 Learners
cls-btn-topic-add = ➕ Add a topic
cls-btn-topic-remove = ➖ Remove a topic
cls-btn-regen-learner = ♻️ New learner link
cls-btn-regen-instructor = ♻️ New instructor link
cls-links =
    Class “{ $name }”:
    🔗 Learners: { $learnerLink }
    🔗 Instructors: { $instructorLink }
cls-code-regenerated = ♻️ The old { $role } link is revoked. New link: { $link }
cls-move-pick = Pick the session to move:
cls-move-ask-date = Move “{ $title }” to which <b>date</b>? (as 03/12/2026)
cls-move-ask-half = Morning, afternoon, or exact times?
cls-venue-ask = The class's <b>new venue</b>?
cls-topic-ask = Pick the topic to add (it goes before the discussion session):
cls-topic-other = ✏️ Another topic…
cls-topic-ask-title = Type the <b>topic title</b>:
cls-topic-title-invalid = A topic title needs 5 to 200 characters and at least two words. Please type it again.
cls-topic-none = This class has no topic to remove.
cls-topic-remove-pick = Pick the topic to remove:
cls-learners-title = <b>Learners of { $name }</b> ({ $count }). Tap ❌ to remove a learner from the class.
cls-learner-removed = Removed { $learner } from the class “{ $name }”; they will get no more reminders.

cls-change-notice =
    📢 <b>Schedule change:</b> { $change }
    Class: { $name }. Type /schedule to see the new schedule.
cls-change-move = { $title } moves to { $when }.
cls-change-venue = new venue: { $venue }.
cls-change-instructor-one = instructor of “{ $title }”: { $name }.
cls-change-instructor-all = instructor of the sessions: { $name }.
cls-change-topic-add = added { $title }, on { $when }.
cls-change-topic-remove = removed { $title }.
cls-edit-done = ✅ Saved: { $change } { $count ->
    [one] One learner was told.
   *[other] { $count } learners were told.
}
cls-edit-error-slot_taken = Another session is already there. Pick another date or half-day (or move that one first).
cls-edit-error-session_not_found = That session was not found (it may have just changed).
cls-edit-error-invalid_slot = That date or half-day is not valid.
cls-edit-error-invalid_times = Those times are not valid.
cls-edit-error-not_a_topic = Only topics can be removed, not the main lessons.
cls-edit-error-unknown_topic = The program has no such topic.
cls-edit-error-slot_required = The topic needs a date.
cls-edit-error-no_class = That class was not found.

# Schedules as centres run them: exact times, a venue per session, order checks, confirmed start dates and names.
cls-half-exact = 🕘 Exact times
cls-move-ask-times = The <b>start and end</b> times? (as 07:00-11:30)
cls-move-times-invalid = Those times are not right. Please type the start and the end, e.g. 07:00-11:30 (the end after the start).
cls-move-taken = ⚠️ { $when } already has another session: { $holder }. Please choose another date for “{ $title }” (or /cancel to stop).
cls-move-warn =
    ⚠️ Moving “{ $title }” there means:
    { $warnings }
    Move it anyway?
cls-move-warn-after_report_writing = • a session comes after “Writing the written report” (the guidance has the report written last).
cls-move-warn-visit_outside_course = • the field visit lies outside the course dates.
cls-move-warn-yes = ✅ Move anyway
cls-move-warn-again = ✏️ Choose again
cls-btn-venue-one = 📍 Venue of one session
cls-venue-pick = Pick the session that has a venue of its own (a field visit, say):
cls-venue-ask-one = The <b>venue</b> of “{ $title }”? (now: { $venue }) — e.g. the address of the place visited.
cls-change-venue-one = venue of “{ $title }”: { $venue }.
cls-new-dup = ⚠️ There is already a class “{ $name }” ({ $id }, starting { $start }). Use this name for the new class anyway?
cls-new-dup-keep = Keep this name
cls-new-dup-rename = ✏️ Another name
cls-new-past = ⚠️ { $day } is in the past (today is { $today }). Use this date anyway?
cls-new-past-keep = Use this date
cls-new-date-again = ✏️ Another date
cls-new-weekend = ⚠️ { $day } is a weekend day. When does the class start?
cls-new-weekend-keep = Start on { $day }
cls-new-weekend-monday = Start on { $day }
