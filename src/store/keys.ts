/**
 * The Redis key schema — the only place that spells out keys. Every repository in `src/store/` builds its keys
 * through these functions, so a `redis-cli --scan` over a production database reads like this table.
 *
 * | key                              | type   | holds                                                            |
 * |----------------------------------|--------|------------------------------------------------------------------|
 * | `sess:<chatId>`                  | string | grammY session (JSON) of one private chat: UI state only         |
 * | `conv:<chatId>`                  | string | @grammyjs/conversations v2 state (JSON): scene replay log        |
 * | `user:<userId>`                  | string | user profile (JSON): name, unit, position, language              |
 * | `users`                          | set    | ids of every user who ever talked to the bot                     |
 * | `coordinators`                   | set    | user ids appointed coordinator in the bot (config ids come on top) |
 * | `instructs:<userId>`             | set    | class ids the user teaches (makes them an instructor)            |
 * | `upd:<updateId>`                 | string | token of the handling attempt that claimed this update (SET NX EX 24 h), dedupe |
 * | `op:<updateId>:<kind>`           | string | the append this update made was made (`note`, `grade`: "1"; `report-version`: its number); once per update, EX 26 h |
 * | `rl:<userId>`                    | string | per-user update counter of the current rate-limit window (PX)    |
 * | `classes`                        | zset   | class ids (`c` + time + random, src/store/ids.ts; older `c1`, `c2` …) scored by creation time (ms) |
 * | `class:<classId>`                | string | class (JSON): name, centre, venue, time zone, schedule, deadline, codes |
 * | `class:<classId>:learners`       | set    | user ids enrolled as learners                                    |
 * | `class:<classId>:instructors`    | set    | user ids a coordinator accepted or appointed as instructors      |
 * | `class:<classId>:instructor-asks`| hash   | user id → ISO time they opened the instructor link, until a coordinator answers |
 * | `class:<classId>:prereg`         | hash   | folded full name → pre-registered learner (JSON, from a CSV)      |
 * | `class:<classId>:att:<sessionId>`| hash   | user id → ISO time of check-in (each learner recorded once)      |
 * | `class:<classId>:checkin`        | string | open check-in window (JSON: session, code, expiry); PX = validity |
 * | `class:<classId>:checkin-last`   | string | session id of the last check-in opened (for /attendance)         |
 * | `class:<classId>:tries:<userId>` | string | check-in wrong-attempt limiter state (JSON), EX 24 h             |
 * | `class:<classId>:reminders`      | set    | reminder keys currently planned (BullMQ job id = `<classId>.<key>`) |
 * | `learns:<userId>`                | set    | class ids the user is enrolled in as a learner                   |
 * | `invite:<code>`                  | string | invite code (JSON): class id, role learner/instructor, revoked   |
 * | `remsent:<classId>:<key>:<userId>` | string | "1": this reminder was sent to this user (SET NX, EX 60 days)  |
 * | `remmute:<userId>`               | set    | reminder kinds the user muted (evening_before, session_soon, report_deadline) |
 * | `duelock:<classId>:<userId>`     | string | token of the job sending this learner what fell due in the class (SET NX PX 15 s): one such delivery at a time |
 * | `deploy:marker`                  | string | deployment marker (JSON: createdAt, by), SET NX once (src/store/marker.ts); one key |
 * | `deploy:lost`                    | string | the store was found emptied or replaced (JSON: reason, expected and found marker); SET NX, kept until an operator clears it (cli store ack); one key |
 * | `deploy:volatile-told`           | string | ISO time the coordinators were told Redis has no persistence (SET NX; deleted when it is seen on); one key |
 * | `health:probe`                   | string | time of the last /healthz write probe (PX 5 s); one key                |
 * | `archive:<classId>`              | string | summary of an archived class (JSON: name, dates, counts, exported file names), its tombstone (src/store/archive.ts) |
 *
 * Queued jobs (src/jobs) — BullMQ keeps them under its own prefix (`bull:` by default: `bull:<queue>:<jobId>`, …):
 * | queue       | job id                          | job                                                        |
 * |-------------|---------------------------------|------------------------------------------------------------|
 * | `reminders` | `<classId>.<reminder key>`      | one reminder of a class (src/domain/reminders.ts keys), sent to each enrolled learner |
 * | `retention` | job scheduler `daily` (its runs: BullMQ's ids) | the daily retention run (src/jobs/retention.ts)   |
 *
 * Each repository adds its rows below; one prefix per concern.
 *
 * Reports, feedback, questions, FAQ:
 * | key                                        | type   | holds                                                  |
 * |--------------------------------------------|--------|--------------------------------------------------------|
 * | `report:<classId>:submitters`              | set    | user ids who submitted a bản thu hoạch in the class    |
 * | `report:<classId>:<userId>:v`              | list   | report versions (JSON: parts as file_ids/text, time, late); only the latest REPORT_VERSIONS_KEPT keep their parts, older ones a summary (`dropped`: parts, bytes, grade) |
 * | `report:<classId>:<userId>:g`              | list   | grades given (JSON: grade, comment, by, time, version); last = current |
 * | `fb:<classId>:rate:<sessionId>`            | hash   | user id → rating of the session (JSON: stars, comment)  |
 * | `fb:<classId>:notes`                       | list   | free feedback (JSON); anonymous ones carry NO user id   |
 * | `fb:<classId>:reflect:<sessionId>`         | hash   | user id → reflection after a field visit (JSON)         |
 * | `fb:<classId>:followup`                    | hash   | user id → follow-up survey answer (JSON)                |
 * | `fb:<classId>:sent:<key>:<userId>`         | string | "1": prompt `key` was sent to this user (SET NX, EX 400 days) |
 * | `question:<id>`                            | string | question to instructors (JSON: class, learner, text, answer) |
 * | `question:<id>:votes`                      | set    | learner ids who upvoted it                             |
 * | `question:<id>:answered`                   | string | id of the instructor whose answer won (SET NX)         |
 * | `questions:<classId>`                      | zset   | question ids of a class by time asked (ms)             |
 * | `question-msg:<chatId>:<messageId>`        | string | question id shown in that instructor message (EX 120 days) |
 * | `faq:<id>`                                 | string | FAQ entry added in the bot (JSON: question, answer, by)|
 * | `faqs`                                     | zset   | FAQ entry ids by time added                            |
 * | `faq-version`                              | string | bumped on every FAQ change; processes rebuild their search index when it moves |
 * | `material:<id>`                            | string | a centre's uploaded file (JSON: scope, name, Markdown text, page of each line); kept until removed |
 * | `materials`                                | zset   | material ids by time added (bounded by what centres upload and remove) |
 * | `material-version`                         | string | bumped on every material change; processes rebuild their search index when it moves |
 * | `centre-similarity`                        | hash   | centre name → the similarity threshold (percent) its coordinator set; one field a centre |
 * | `centre-report-versions`                   | hash   | centre name → report versions kept whole (`/versions`; REPORT_VERSIONS_KEPT until set); one field a centre |
 * | `report-print:<classId>`                   | hash   | `<userId>:<version>` → fingerprint of that report version (JSON: sizes, MinHash); one per version |
 * | `report-text:<classId>`                    | hash   | `<userId>:<version>` → the text that was fingerprinted (typed text and its files' text) |
 *
 * | queue      | job id                        | job                                                         |
 * |------------|-------------------------------|-------------------------------------------------------------|
 * | `feedback` | `<classId>.end.<sessionId>`   | a session ended: rating prompt (and reflection after a field visit) to each learner |
 * | `feedback` | `<classId>.followup`          | N days after the class: follow-up survey to each learner    |
 * | `report-prints` | `<classId>.<userId>.<version>` | fingerprint a report version just submitted (the check reads it lazily if this missed) |
 *
 * Announcements (src/store/announcements.ts):
 * | key                        | type   | holds                                                                  |
 * |----------------------------|--------|------------------------------------------------------------------------|
 * | `ann:<annId>`              | string | announcement (JSON): sender, classes, text, media file_id, total, status message; EX 120 days |
 * | `ann:<annId>:res`          | hash   | user id → outcome `d` delivered / `b` blocked / `f` failed (HSETNX; `d` = sent-marker, written after Telegram confirmed) |
 * | `ann:<annId>:n`            | hash   | counters: total, delivered, blocked, failed, done                      |
 * | `ann:<annId>:err`          | hash   | user id → last error of a failed delivery                              |
 * | `ann:<annId>:reported`     | string | "1": the final report was sent (SET NX)                                |
 * | `ann:class:<classId>`      | zset   | announcement ids of a class by time (ms), for /announcements           |
 * | `ann:chat:<chatId>`        | string | per-chat pacing slot (PX 1000): a broadcast message went to this chat within the last second |
 * | `ann:window`               | zset   | global send window: one member per message sent in the last second (score = Redis time, ms, moved to when Telegram likely counted it), src/jobs/broadcast/bullmq.ts SEND_WINDOW |
 * | `ann:flood`                | string | "1" while Telegram's last 429 retry_after runs (PX): no broadcast message is sent |
 * | `ann:unreachable`          | hash   | user id → JSON {at, reason}: Telegram answered 403 (blocked/deactivated); cleared when they write again |
 *
 * | queue       | job id                     | job                                                             |
 * |-------------|----------------------------|-----------------------------------------------------------------|
 * | `broadcast` | `ann-<annId>-<userId>`     | deliver one announcement to one learner (rate-limited, src/jobs/broadcast/bullmq.ts) |
 *
 * Bounds — nothing grows without one (`npm run bench:footprint` measures what a course costs and the steady state;
 * README "Measured"). "Retention" = removed by the daily retention job (src/jobs/retention.ts) when the class is
 * archived, RETENTION_MONTHS_AFTER_FOLLOWUP months after its follow-up survey. A new family adds its row here.
 * | family                                             | bound                                                        |
 * |----------------------------------------------------|--------------------------------------------------------------|
 * | `sess:<chatId>`                                    | EX SESSION_TTL_DAYS (180), set again on each change           |
 * | `conv:<chatId>`                                    | EX SCENE_TTL_DAYS (14) after the last step; at most SCENE_MAX_STEPS (60) steps a scene (src/bot/ask.ts) |
 * | `user:<userId>`, `users`, `remmute:<userId>`       | one per person; removed by retention once the person is in no class, not a coordinator, has no session or scene state left and was first seen over RETENTION_MONTHS_AFTER_FOLLOWUP months ago |
 * | `learns:<userId>`, `instructs:<userId>`            | the person's live classes; an archived class leaves them (retention); empty sets do not exist |
 * | `coordinators`, `centre-similarity`, `centre-report-versions` | one member a coordinator / a centre               |
 * | `upd:<updateId>`, `op:<updateId>:<kind>`           | EX 24 h / 26 h                                               |
 * | `rl:`, `duelock:`, `ann:chat:`, `ann:flood`, `health:probe`, `class:<id>:checkin` | PX, seconds to minutes              |
 * | `class:<id>:tries:<userId>`                        | EX 24 h; and retention                                       |
 * | `classes` and every `class:<classId>…` key         | one class each, its sessions and members; retention          |
 * | `invite:<code>`                                    | two live codes a class plus the revoked ones; retention (by the code's class id) |
 * | `remsent:<classId>:…`                              | EX 60 days; retention                                        |
 * | `fb:<classId>:sent:…`                              | EX 400 days; retention                                       |
 * | `fb:<classId>:…` (ratings, notes, reflections, follow-up) | a learner's answers, one a session / prompt; retention   |
 * | `report:<classId>:…`, `report-print:`, `report-text:` | REPORT_VERSIONS_KEPT whole versions a learner, each at most MAX_REPORT_PARTS parts and MAX_REPORT_TEXT_CHARS; retention |
 * | `questions:<classId>`, `question:<id>…`            | the class's questions; retention (`question:<id>:answered` EX 15 min) |
 * | `question-msg:<chatId>:<messageId>`                | EX 120 days                                                  |
 * | `ann:<annId>…`                                     | EX 120 days; retention when none of its classes is left      |
 * | `ann:class:<classId>`                              | the class's announcements; retention                         |
 * | `ann:window`                                       | at most SEND_WINDOW.max members, each for a second           |
 * | `ann:unreachable`                                  | one field a person who blocked the bot; cleared when they write again or their profile is removed |
 * | `faq:<id>`, `faqs`, `material:<id>`, `materials`, `*-version` | what coordinators add and remove; a class's own material goes with it (retention) |
 * | `deploy:*`                                         | single keys                                                  |
 * | `archive:<classId>`                                | one summary (~0.5 KB) an archived class, EX 5 years (ARCHIVE_SUMMARY_TTL_SECONDS) |
 * | `bull:<queue>:…` (reminders, feedback, report-prints, retention) | finished jobs: completed 7 days / 50,000, failed 30 days / 10,000 (src/jobs/index.ts FINISHED_JOBS) |
 * | `bull:broadcast:…`                                 | finished jobs: completed 7 days / 100,000, failed 30 days / 20,000 (BROADCAST_FINISHED_JOBS) |
 */
export const keys = {
  session: (chatKey: string) => `sess:${chatKey}`,
  sessionPrefix: "sess:",
  conversationPrefix: "conv:",
  user: (userId: number) => `user:${userId}`,
  users: () => "users",
  coordinators: () => "coordinators",
  instructs: (userId: number) => `instructs:${userId}`,
  update: (updateId: number) => `upd:${updateId}`,
  operation: (updateId: number, kind: string) => `op:${updateId}:${kind}`,
  rateLimitPrefix: "rl:",
  classes: () => "classes",
  class: (classId: string) => `class:${classId}`,
  classLearners: (classId: string) => `class:${classId}:learners`,
  classInstructors: (classId: string) => `class:${classId}:instructors`,
  classInstructorAsks: (classId: string) => `class:${classId}:instructor-asks`,
  classPrereg: (classId: string) => `class:${classId}:prereg`,
  classAttendance: (classId: string, sessionId: string) => `class:${classId}:att:${sessionId}`,
  classCheckin: (classId: string) => `class:${classId}:checkin`,
  classLastCheckin: (classId: string) => `class:${classId}:checkin-last`,
  classCheckinTries: (classId: string, userId: number) => `class:${classId}:tries:${userId}`,
  classReminders: (classId: string) => `class:${classId}:reminders`,
  learns: (userId: number) => `learns:${userId}`,
  invite: (code: string) => `invite:${code}`,
  reminderSent: (classId: string, key: string, userId: number) => `remsent:${classId}:${key}:${userId}`,
  reminderMutes: (userId: number) => `remmute:${userId}`,
  dueLock: (classId: string, userId: number) => `duelock:${classId}:${userId}`,
  deployMarker: () => "deploy:marker",
  deployLost: () => "deploy:lost",
  deployVolatileTold: () => "deploy:volatile-told",
  healthProbe: () => "health:probe",
  reportSubmitters: (classId: string) => `report:${classId}:submitters`,
  reportVersions: (classId: string, userId: number) => `report:${classId}:${userId}:v`,
  reportGrades: (classId: string, userId: number) => `report:${classId}:${userId}:g`,
  feedbackRatings: (classId: string, sessionId: string) => `fb:${classId}:rate:${sessionId}`,
  feedbackNotes: (classId: string) => `fb:${classId}:notes`,
  feedbackReflections: (classId: string, sessionId: string) => `fb:${classId}:reflect:${sessionId}`,
  feedbackFollowup: (classId: string) => `fb:${classId}:followup`,
  feedbackPromptSent: (classId: string, key: string, userId: number) => `fb:${classId}:sent:${key}:${userId}`,
  question: (id: string) => `question:${id}`,
  questionVotes: (id: string) => `question:${id}:votes`,
  questionAnswerLock: (id: string) => `question:${id}:answered`,
  classQuestions: (classId: string) => `questions:${classId}`,
  questionMessage: (chatId: number, messageId: number) => `question-msg:${chatId}:${messageId}`,
  faq: (id: string) => `faq:${id}`,
  faqs: () => "faqs",
  faqVersion: () => "faq-version",
  material: (id: string) => `material:${id}`,
  materials: () => "materials",
  materialVersion: () => "material-version",
  centreSimilarity: () => "centre-similarity",
  centreReportVersions: () => "centre-report-versions",
  reportPrints: (classId: string) => `report-print:${classId}`,
  reportTexts: (classId: string) => `report-text:${classId}`,
  announcement: (annId: string) => `ann:${annId}`,
  announcementResults: (annId: string) => `ann:${annId}:res`,
  announcementCounts: (annId: string) => `ann:${annId}:n`,
  announcementErrors: (annId: string) => `ann:${annId}:err`,
  announcementReported: (annId: string) => `ann:${annId}:reported`,
  classAnnouncements: (classId: string) => `ann:class:${classId}`,
  announcementChatSlot: (chatId: number) => `ann:chat:${chatId}`,
  announcementSendWindow: () => "ann:window",
  announcementFlood: () => "ann:flood",
  unreachable: () => "ann:unreachable",
  archive: (classId: string) => `archive:${classId}`,
} as const;
