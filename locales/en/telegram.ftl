## The bot's Telegram profile, and what it says when added to a group
bot-short-description = Teaching assistant of the party-work training course for cell secretaries and grassroots committee members: schedule, Q&A, check-in, reports.
bot-description = Trợ giảng supports the learners, instructors and coordinators of the party-work training course for cell secretaries and grassroots committee members: the schedule, reminders, questions about the material, check-in, the written report and session ratings. Learners join with the invite link their training centre sends.
group-leave = Hello! Trợ giảng works only in private chats with each learner, so it is leaving this group. Please message @{ $bot } directly.
