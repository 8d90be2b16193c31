# Bounds on what one person keeps in Redis: a scene's length and its lifetime.

# How to start again the step a scene was (by scene id).
scene-restart = { $scene ->
    [report] Please type /report to submit it again from the start.
    [grade] Please open the report again from /reports to grade it.
    [feedback] Please type /feedback to give your feedback again.
    [fb-note] Please type /feedback to give your feedback again.
    [question] Please type /question to send your question again.
    [answer] Please tap «Answer» under the question again.
    [announce] Please type /announce to write the announcement again.
    [newclass] Please type /newclass to create the class again.
    [class-edit] Please open the class again from /classes.
    [class-appoint] Please type /appoint to appoint again.
    [class-join] Please open the class link again.
    [register] Please type /register to enter your details again.
    [learner-import] Please type /import to send the list again.
    [material] Please type /material to send the material again.
   *[other] Please type /help to see how to start again.
}

scene-too-many-steps = This step has received more than { $max } messages, so Trợ giảng stops it here. What was stored before is all kept; the unfinished part of this step was not stored. { scene-restart }

scene-expired = What you were doing last time expired after { $days } days without a message, so the unfinished part is no longer kept. What was stored before is all kept. { scene-restart }

callback-class-archived = This class has ended and was archived (its details are no longer in the bot), so this button no longer works. Please ask the centre if you need the class's results.
