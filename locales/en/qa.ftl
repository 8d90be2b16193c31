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
