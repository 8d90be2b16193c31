# Class evaluation, exports, certificates.

cmd-evaluation = Evaluate a class, export Excel/CSV

eval-no-classes = There are no classes yet.
eval-unknown-class = Class not found.
eval-title = 📊 <b>Evaluation of { $name }</b> ({ $id })
eval-enrolment = Learners: { $enrolled } joined, { $registered } registered their profile; expected list: { $joined }/{ $pre } joined.
eval-attendance-title = <b>Attendance and rating per session</b>
eval-session-line = • { $id } { $title }: present { $present }/{ $total } · rating { $rating }
eval-rating = { NUMBER($avg, maximumFractionDigits: 1) }/5 ({ $n ->
    [one] one rating
   *[other] { $n } ratings
})
eval-session-lesson = Lesson { $n }: { $title }
eval-reports-title = <b>Written reports</b>
eval-reports-line = Submitted { $submitted }/{ $total } (late { $late }) · graded { $graded } · missing { $missing }
eval-grades-line = Excellent { $gioi } · Good { $kha } · Satisfactory { $tb } · Fail { $kd }
eval-cert-title = <b>Eligible for the certificate: { $n }/{ $total }</b>
eval-not-eligible-title = <b>Not eligible yet</b>
eval-comments-title = <b>Feedback and comments</b>
eval-reflections-title = <b>Field-visit reflections</b>
eval-followup-title = <b>Follow-up survey</b> ({ $n ->
    [one] one answer
   *[other] { $n } answers
})
eval-anonymous = (anonymous)
eval-files-caption = The class evaluation as Excel (XLSX) and CSV (UTF-8).
eval-notify-button = 📨 Tell the { $n } eligible learners
eval-notified = Told { $n }/{ $total } eligible learners (each is told once).

eval-sheet-summary = Summary
eval-sheet-learners = Learners
eval-sheet-sessions = Sessions
eval-sheet-comments = Feedback
eval-sheet-followup = Follow-up
eval-col-class = Class
eval-enrolled = Learners
eval-registered = Registered profiles
eval-preregistered = Expected learners who joined
eval-deadline = Report deadline
eval-reports-submitted = Reports submitted
eval-reports-missing = Missing
eval-reports-late = Late
eval-reports-graded = Graded
eval-eligible = Eligible for the certificate
eval-col-no = No.
eval-col-name = Full name
eval-col-unit = Unit
eval-col-position = Position
eval-col-attended = Sessions attended
eval-col-report = Report
eval-col-late = Late
eval-col-grade = Grade
eval-col-comment = Comment
eval-col-certificate = Certificate
eval-col-reasons = Missing conditions
eval-col-session = Session
eval-col-title = Content
eval-col-time = Time
eval-col-present = Present
eval-col-ratings = Ratings
eval-col-average = Average
eval-col-kind = Kind
eval-col-author = From
eval-col-text = Text
eval-col-applied = Applied
eval-kind-rating = Comment on { $session }
eval-kind-reflection = Visit reflection { $session }
eval-report-versions = Submitted ({ $n ->
    [one] one version
   *[other] { $n } versions
})
eval-report-none = Not submitted
eval-yes = Yes
eval-no = No

cert-reason-course_in_progress = the course has not ended
cert-reason-attendance_below_minimum = not enough sessions attended
cert-reason-report_not_submitted = report not submitted
cert-reason-report_not_graded = report not graded yet
cert-reason-grade_below_minimum = report below the required grade
cert-eligible = 🎓 Congratulations! You are eligible for the certificate of the class <b>{ $name }</b>. The training centre will tell you when and where to collect it.

## Excel file: session column titles, number columns, the list proposed for the certificate
eval-short-lesson = Lesson { $n }
eval-short-topic = Topic
eval-short-field_visit = Field visit
eval-short-discussion = Discussion
eval-short-report_writing = Report writing
eval-half-morning = morning
eval-half-afternoon = afternoon
eval-col-counted = Sessions counted
eval-col-attendance-share = Attendance
eval-col-item = Item
eval-col-value = Value
eval-preregistered-total = People on the expected list
cert-list-sheet = Certificate list
cert-list-centre-placeholder = Political training centre
cert-list-place-date = ……, date … / … / 20…
cert-list-title = LIST OF LEARNERS PROPOSED FOR THE CERTIFICATE
cert-list-class = { $name }
cert-list-dates = Dates: { $dates }
cert-list-col-name = Full name
cert-list-col-sessions = Sessions
cert-list-col-grade = Report grade
cert-list-col-note = Notes
cert-list-count = { $n ->
    [one] The list has one learner.
   *[other] The list has { $n } learners.
}
cert-list-sign-maker = PREPARED BY
cert-list-sign-head = DIRECTOR OF THE CENTRE
cert-list-sign-note = (signature and full name)
eval-chart-title = Attendance and rating per session — { $name }
eval-chart-attendance = Present (%)
eval-chart-rating = Average rating (/5)
eval-chart-caption = Attendance (bars, % of learners present) and average rating (line) per session.
