# Questions about the course material.

qa-source = 📖 <b>{ $source }</b>
qa-footer = Result { $n }/{ $total } in the class material.
qa-medium-confidence = <i>Note: this part is a summary by the authors; check it against the class's official material.</i>
qa-more = ➡️ Other results ({ $n }/{ $total })
qa-ask-instructor = 🙋 Ask an instructor
qa-ask-instructor-how = You can ask an instructor in person during the discussion and Q&A session, or ask the class coordinator to pass your question on.
qa-no-answer = 🤔 The class material has no answer to this question. I would rather not guess.
qa-did-you-mean = Did you mean:
qa-no-answer-next = You can ask again in other words, or tap «Ask an instructor».
qa-empty = Please type your question in words, for example: «how do I write the final report?»
qa-ask-prompt = Type a question about the course (with or without diacritics), for example: /ask how often does the party cell meet
qa-expired = This result is outdated. Please type your question again.
qa-long-question = <i>Your question is long; I searched with its first { $chars } characters.</i>
qa-unavailable = Questions are paused at the moment. Please try again later.

reload-done = Material reloaded: { $docs } files, { $passages } passages, in { $ms } ms.
reload-failed = Could not reload: the material has problems (the bot keeps using the previous version).
    { $problems }

cmd-ask = Ask about the course material
cmd-reload = Reload the lesson material

# Questions about using the bot (locales/en/intents.yaml): short guidance and the command that does it.
intent-usage-checkin = ✅ Check-in: when the instructor opens check-in, tap «{ menu-checkin }» in the menu below (or type /checkin) and send the code they read out; typing the code alone works too.
intent-usage-report = 📝 Submitting the report: tap «{ menu-report }» in the menu (or type /report) and send it: Word, PDF, a photo of a handwritten page, or typed text. A new submission replaces the old one.
intent-usage-schedule = 📅 Schedule: tap «{ menu-schedule }» in the menu or type /schedule. Today: /today, next session: /next.
intent-usage-language = 🌐 Language: type /language and pick Tiếng Việt or English.
intent-usage-ask = 🙋 Ask an instructor: tap «{ menu-question }» in the menu (or type /question with your question), or tap «{ qa-ask-instructor }» under an answer.
intent-usage-feedback = ⭐ Rating a session: type /feedback; the bot also asks after each session.
intent-usage-reminders = 🔔 Reminders: type /settings to turn each kind on or off.
intent-usage-join = 🔗 Joining a class: open the class invite link (the coordinator sends it) and the bot walks you through registration.
intent-usage-profile = 👤 Profile: type /profile to see and edit your name, unit and position.
intent-usage-help = ℹ️ I answer questions about the program, show the schedule (/schedule), take check-ins (/checkin) and reports (/report), and pass questions to instructors (/question). Type /help for everything.
intent-usage-announcements = 📢 Past announcements: type /announcements.
intent-usage-leave = 🚪 Leaving the class: type /leave.

# Small talk: a short reply with the menu; the material is not searched.
intent-chat-hello = Hello! 👋 Ask me about the program, your schedule or the written report.
intent-chat-thanks = You're welcome! 😊 Ask any time.
intent-chat-bye = Goodbye, and good luck with the course! 👋
intent-chat-who = I'm the teaching assistant — the class's bot. I answer from the class material and your class data, and pass what I'm not sure of to an instructor.
intent-chat-praise = Thank you! 😊
intent-chat-complaint = Sorry 🙏 Try asking another way, or tap «Ask an instructor» to get an instructor's answer.
intent-chat-ok = 👍

# Near the course but not in the material: declined plainly, with the offer to ask an instructor.
intent-declined = 🤔 The class material does not cover this, so I won't guess. You can ask an instructor or the class coordinator.

# Questions about the learner's own class, answered from the class data.
course-no-class = You are not in a class yet. Open the class invite link (the coordinator sends it) to join.
course-staff = This is counted for each learner, and you teach or run <b>{ $name }</b>. The class's attendance: /attendance; its reports: /reports.
course-staff-many = You run several classes; pick one in /classes to see its schedule, venue and learners.
course-class-head = <b>{ $name }</b>
course-next = ⏭ Next session: { $when }
    { $title }{ $venue }
course-tomorrow = 📅 Tomorrow ({ $day }):
course-on-day = 📅 { $day }:
course-today = 📅 Today ({ $day }):
course-none-left = The class has had all its sessions.
course-no-session-day = The class has no session that day.
course-this-week = 📅 This week ({ $from } – { $to }):
course-next-week = 📅 Next week ({ $from } – { $to }):
course-no-session-week = The class has no more sessions in that week.
course-venue = { " · " }📍 { $venue }
course-venue-all = 📍 { $venue }
course-deadline = 📝 Report deadline: <b>{ $when }</b>.
course-deadline-none = The class has no report deadline yet.
course-deadline-left = { $days ->
        [0] Today is the last day.
        [one] One day left.
       *[other] { $days } days left.
    }
course-deadline-passed = The deadline has passed; a report sent now is still accepted but marked late.
course-deadline-submitted = You have submitted it ({ $when }).
course-attendance = ✅ You attended { $attended } of the { $done } sessions so far and missed { $missed } ({ $counted } count for the course).
course-attendance-none = ✅ The class has not had a session yet; { $counted } sessions count for the course.
course-report-none = 📝 You have not submitted the report yet. Type /report to submit it.
course-report-submitted = 📝 You submitted the report (version { $version }, { $when }); it is not graded yet.
course-report-newer = Version { $version } is not graded yet; the grade above is for version { $graded }.
course-instructor = 👤 { $when } · { $title }: instructor <b>{ $name }</b>
course-instructor-unset = 👤 { $when } · { $title }: the schedule names no instructor yet.
course-instructor-ask = You can ask the class coordinator, or send a question with /question.
course-roster = 👥 The class has { $n } learners on the bot.
course-roster-listed = 👥 The class has { $n } learners on the bot ({ $listed } on the class list).
course-venue-class = 📍 The class is held at: <b>{ $venue }</b>
course-venue-unset = The class has no venue recorded yet; please ask the class coordinator.
course-venue-session = The next session ({ $when }) is held at: <b>{ $venue }</b>
course-report-graded = 📝 Your report: <b>{ $grade }</b>.
course-certificate-yes = 🎓 You meet the certificate conditions (attended { $attended }/{ $counted } sessions, report passed).
course-certificate-no = 🎓 You do not meet the certificate conditions yet: { $reasons }. You need at least { $required }/{ $counted } sessions and a passing report.
course-absence = The certificate counts attended sessions: at least { $required } of { $counted }. You have attended { $attended }, with { $left } still to come; { $canMiss ->
        [0] you should not miss any more.
        [one] you can miss at most one more.
       *[other] you can miss at most { $canMiss } more.
    } If you miss one, tell the instructor (/question) and read that lesson yourself.
course-absence-lost = The certificate counts attended sessions: at least { $required } of { $counted }; with { $attended } attended and { $left } to come, that is no longer reachable. Please talk to the instructor (/question).

# "A and B?" questions.
qa-answered-part = <i>I answered «{ $part }»; please ask «{ $rest }» on its own.</i>
qa-medium-short = <i>Summarised by the editors; check it against the class material.</i>

# A request's short name, on a «Did you mean» button.
qa-near = 👉 { $what }
intent-label-usage-checkin = How to check in
intent-label-usage-report = How to submit the report
intent-label-usage-schedule = The schedule
intent-label-usage-language = Changing the language
intent-label-usage-ask = Asking an instructor
intent-label-usage-feedback = Rating a session, feedback
intent-label-usage-reminders = Session reminders
intent-label-usage-join = Joining a class
intent-label-usage-profile = Editing your profile
intent-label-usage-help = What the bot can do
intent-label-usage-announcements = The class's announcements
intent-label-usage-leave = Leaving a class
intent-label-course-next = Your class's next session
intent-label-course-today = Today's sessions
intent-label-course-deadline = The report's deadline
intent-label-course-attendance = Your attendance
intent-label-course-report = Your report's status
intent-label-course-instructor = Who teaches a session
intent-label-course-roster = The class's size
intent-label-course-venue = Where the class meets
intent-label-course-certificate = Your certificate
intent-label-course-absence = Missing a session
