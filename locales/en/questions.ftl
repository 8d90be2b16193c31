# Questions to instructors, the discussion day, FAQ additions.

cmd-question = Send a question to the instructors
cmd-questions = The class's questions for the discussion day

question-no-class = You are not in a class yet, so there is no instructor to send it to. You can still ask me about the program.
question-pick-class = Send the question to the instructors of which class?
question-ask = Please type your question for the instructors.
question-invalid = A question needs 3 to 1,500 characters. Please type it again.
question-confirm =
    Send this question to the instructors of { $name }?
    <blockquote>{ $question }</blockquote>
question-send = 📨 Send
question-confirm-invalid = The question above has not been sent. Tap «📨 Send» to send it to the instructor, or «✖️ Cancel» to ask something else, then type the new question.
question-cancelled = Cancelled; the question was not sent.
question-sent = ✅ Your question was sent to the instructors. I will tell you when they answer. It is also in /questions for the whole class.
question-saved-no-instructor = ✅ Question saved. The class has no instructor on the bot yet, so it will be answered at the discussion session (see /questions).
question-saved-not-delivered = ✅ Question saved, but it could not be delivered to the class's instructors (Telegram did not take it). It is in /questions and will be answered at the discussion session; you can also ask again later.
question-to-instructor =
    ❓ <b>Question from { $name }</b> (class { $class }):
    <blockquote>{ $question }</blockquote>
    Answer with the button below, or reply to this message.
question-answer-button = ✍️ Answer
question-already-answered = This question has already been answered.
question-gone = This question is no longer in the system.

answer-ask =
    Question:
    <blockquote>{ $question }</blockquote>
    Please type your answer.
answer-invalid = An answer needs 1 to 3,000 characters. Please type it again.
answer-sent = ✅ Your answer was sent to the learner.
answer-add-faq = ➕ Add to the FAQ
answer-not-delivered-blocked = ⚠️ The answer was not delivered: the learner blocked the bot or no longer uses Telegram. The question stays open; you can answer it in the discussion and mark it in /questions.
answer-not-delivered-retry = ⚠️ The answer could not be delivered to the learner (Telegram did not take it, perhaps the network). The question stays open and your answer is kept. Please press «Send again».
answer-not-delivered-reply = ⚠️ The answer could not be delivered to the learner (Telegram did not take it, perhaps the network). The question stays open. Please reply to the question message again in a few minutes.
answer-retry = 🔁 Send again
answer-retry-later = Later
answer-left-open = The question stays open. Press «✍️ Answer» under it to answer it again.
question-being-answered = Another instructor is sending an answer to this question right now. If it cannot be delivered, the question opens again for you.
answer-to-learner =
    💬 <b>An instructor answered your question</b>
    <blockquote>{ $question }</blockquote>
    { $answer }
answer-in-class-to-learner =
    💬 Your question was answered at the discussion session:
    <blockquote>{ $question }</blockquote>

faq-added = Added to the FAQ.
faq-already = This question is already in the FAQ.
faq-needs-answer = Only a question with a written answer can be added.
faq-doc-title = Instructors' FAQ

questions-no-class = You are not in a class yet.
questions-title = <b>Open questions — { $name }</b> ({ $n })
questions-none = No open questions. Ask one with /question.
questions-hint-learner = Press 👍 with a number to back a question you also want answered (press again to undo).
questions-hint-teacher = Press ✅ with a number once a question was answered in class; the learner is told.
questions-voted = Backed.
questions-unvoted = Vote withdrawn.
questions-marked = Marked as answered.
question-no-class-alert = You are not in a class on the bot yet. You can ask an instructor at the discussion session, or ask your class coordinator to pass the question on.

faq-added-class = ✅ Added to the FAQ of { $name }: learners of this class who ask about it get the answer at once.
faq-scope-centre = 🏫 For the whole centre
faq-scope-all = 🌐 For every class
faq-remove = 🗑 Remove from the FAQ
faq-scope-done-centre = ✅ This FAQ entry is now for the learners of every class of { $centre }.
faq-scope-done-all = ✅ This FAQ entry is now for the learners of every class.
faq-removed = Removed from the FAQ.
faq-gone = This FAQ entry no longer exists.
faq-all-coordinator-only = Only a coordinator opens an FAQ entry to every class.
