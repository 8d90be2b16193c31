# Rights: who may do what, checked at the moment of each write; instructors by a coordinator's yes; nothing
# irreversible on one tap.

rights-own-work = Sorry, no one grades their own work. Another instructor of the class needs to grade this one.
rights-not-in-class = Sorry, you are not (or no longer) a learner of this class, so this cannot be sent. If this is a mistake, please contact the class coordinator.
rights-class-not-ended = The class has not ended yet; the follow-up survey opens once the class is over.
rights-session-unknown = This session is not in the class's schedule (the schedule may have changed). Nothing was saved.
rights-session-not-held = This session has not taken place yet; you can rate it once it has ended.
rights-session-absent = According to the check-in, you were not at this session, so you cannot rate it.
rights-session-not-visit = The field-visit reflection is only for a field-visit session.

ins-request = 🙋 Someone opened the instructor link of “{ $name }” and asks to teach it:
ins-profile =
    👤 { $name }
    Telegram name: { $telegram } · { $username } · id { $id }
    Unit: { $unit } · Position: { $position }
ins-accept = ✅ Accept as instructor
ins-refuse = ❌ Refuse
ins-asked = 📨 Your request was sent to the coordinators of “{ $name }”. When they accept, you will get a message and an instructor's rights in the class.
ins-asked-nobody = 📨 Your request to teach “{ $name }” is recorded, but it could not reach any coordinator yet. Please contact them directly.
ins-still-waiting = ⏳ Your request to teach “{ $name }” is waiting for a coordinator's answer.
ins-learner-cannot = Sorry, you are a learner of “{ $name }”, so you cannot be its instructor at the same time. If this is a mistake, please contact the class coordinator.
ins-instructor-cannot-learn = Sorry, you are an instructor of “{ $name }”, so you cannot be a learner of it at the same time.
ins-you-teach = ✅ { $by } accepted you as an instructor of “{ $name }”. Use /checkin_open to open check-in, /attendance to see who is here and /reports to grade reports.
ins-answered-already = This request has already been answered.
ins-refused-you = The coordinators did not accept you as an instructor of “{ $name }”. If needed, please contact them directly.
ins-refused = Refused: { $person } does not become an instructor of “{ $name }”; they have been told.
ins-appoint-added = ✅ { $person } is now an instructor of “{ $name }” and has been told.
ins-appoint-already = { $person } already teaches “{ $name }”.
ins-appoint-learner = { $person } is a learner of “{ $name }”, so they cannot be its instructor at the same time. Remove them from the learners first if you want to.
ins-appoint-ask = Appoint an instructor of “{ $name }”: send their @username or Telegram id (they must have written to the bot once), or pick someone who wrote to the bot recently:
ins-appoint-cancelled = Cancelled; no one was appointed.
ins-appoint-not-found = “{ $who }” was not found. They need to write to the bot at least once; please send the @username or id again, or tap Cancel.
ins-panel-title = 👤 Instructors of “{ $name }”: { $count }
ins-panel-waiting = ⏳ Waiting for your answer (opened the instructor link):
ins-btn-appoint = ➕ Appoint an instructor
ins-btn-all = Instructor of every session
ins-none-yet = The class has no instructor yet. Appoint one first, then pick who teaches each session.
ins-pick-for-session = Who teaches this session? Pick one of the class's instructors:

confirm-no = No
confirm-kept = Kept as it was; nothing changed.
leave-confirm = Leave “{ $name }”? You will no longer get its reminders and announcements, nor be able to submit its report. To come back you will need the class link from the coordinator.
leave-yes = 🚪 Leave the class
leave-no = Stay in the class
leave-kept = You are still in “{ $name }”.
regen-confirm-learner = ♻️ Revoke the learner link of “{ $name }”? The old link will stop working: whoever has not joined yet will need the new one (learners already in the class stay).
regen-confirm-instructor = ♻️ Revoke the instructor link of “{ $name }”? The old link will stop working; current instructors stay.
regen-yes = ♻️ Revoke and make a new link
remove-confirm = Remove { $learner } from “{ $name }”? They will no longer get reminders or announcements, nor be able to submit a report (reports already sent and attendance are kept).
remove-yes = ❌ Remove from the class
remove-undo = ↩️ Add back to the class
remove-undone = ↩️ { $learner } is back in “{ $name }”.
cls-not-member-other = { $learner } is not (or no longer) in “{ $name }”.
questions-mark-confirm = Mark this question as answered in class? The learner will be told and it leaves the open list.
    <blockquote>{ $question }</blockquote>
questions-mark-yes = ✅ Answered in class
