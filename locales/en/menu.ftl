# The reply keyboard: each role's main actions (short, for phones).
menu-checkin = ✅ Check in
menu-report = 📝 Submit report
menu-question = ❓ Ask instructor
menu-standing = 📊 My progress
menu-announce = 📣 Announce
menu-reports = 📚 Reports
menu-attendance = 📋 Class attendance
menu-classes = 🏫 Classes
menu-evaluation = 📈 Class evaluation

# A reply-keyboard button tapped in the middle of a scene: never taken as an answer.
scene-menu-paused = «{ $label }» is a menu button, not an answer — you are in the middle of a step and nothing is lost. Go on answering above, or stop to use that button.
scene-menu-continue = ▶️ Continue
scene-menu-stop = ⏹ Stop
scene-menu-continued = Please go on answering the question above.
scene-menu-stopped = Stopped the step you were in (what was not sent is not kept). Tap the button you need again.
