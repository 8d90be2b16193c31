# Feedback, session ratings, field-visit reflections, follow-up survey.

cmd-feedback = Feedback for the class (may be anonymous)
cmd-feedbacks = Read learners' feedback

fb-no-class = You are not in a class yet, so there is nowhere to send feedback.
fb-pick-class = Feedback for which class?
fb-ask-topic = What is your feedback about?
fb-topic-discussion = 💬 The discussion & Q&A day
fb-topic-class = 🏫 The class in general
fb-topic-suggestion = 💡 A suggestion
fb-ask-text = { $topic }: please write your feedback.
fb-text-invalid = Feedback needs 2 to 3,000 characters of text. Please write it again.
fb-ask-anonymous = With your name, or anonymous? If anonymous, the bot keeps only the text, the topic and the date (not the time, your name or your Telegram id); instructors and coordinators see only that.
fb-anonymous-promise = 🕶 Anonymous: only the text, the topic and the date are kept — not the time, your name or your Telegram id; anonymous notes are listed apart, in alphabetical order.
fb-named = 👤 With my name
fb-anonymous = 🕶 Anonymous
fb-saved = ✅ Thank you! Your feedback was sent to the class.
fb-saved-anonymous = ✅ Thank you! Your feedback was sent <b>anonymously</b>: nobody sees your name.

fb-rate-prompt = A session just ended: <b>{ $session }</b> (class { $name }). How many stars would you give it?
fb-rated = Thank you! You gave { $stars } ({ $n }/5). You may add a comment if you like.
fb-rate-many = Please rate the recent sessions of the class “{ $name }” (one row of stars per session, by number):
fb-rated-thanks = Noted.
fb-rated-already = You already rated this session ({ $stars }/5). One rating per session.
fb-add-comment = 💬 Add a comment
fb-rate-first = Please give stars first.
fb-reflect-prompt = You just visited: <b>{ $session }</b>. Please write a few lines: what did you see, and what could your party cell apply?
fb-reflect-button = ✍️ Write a reflection
fu-prompt = Some time has passed since the class <b>{ $name }</b>. How far have you applied what you learned in your cell's work?
fu-applied-much = 👍 A lot
fu-applied-some = 👌 In part
fu-applied-not_yet = ⏳ Not yet
fb-skip = Skip
fb-note-prompt-rating = Please write your comment on the session.
fb-note-prompt-reflection = Please write your reflection: what did you see, and what could your cell apply?
fb-note-prompt-followup = Thank you! You may add one concrete thing you did (or a difficulty you met), or press «Skip».
fb-note-saved = ✅ Noted. Thank you!
fb-note-cancelled = Cancelled.

fbl-title = <b>Learners' feedback — { $name }</b>
fbl-ratings = <b>Session ratings</b>
fbl-rating-line = • { $session }: { $avg }/5 ({ $n ->
    [one] one rating
   *[other] { $n } ratings
})
fbl-no-notes = No feedback yet.
fbl-note-head = <b>{ $topic }</b> · { $author } · { $time }
