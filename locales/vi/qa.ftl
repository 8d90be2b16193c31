# Hỏi đáp về nội dung chương trình.

qa-source = 📖 <b>{ $source }</b>
qa-footer = Kết quả { $n }/{ $total } trong tài liệu của lớp.
qa-medium-confidence = <i>Lưu ý: phần này do nhóm biên soạn tóm tắt; hãy đối chiếu với tài liệu chính thức của lớp.</i>
qa-more = ➡️ Kết quả khác ({ $n }/{ $total })
qa-ask-instructor = 🙋 Hỏi giảng viên
qa-ask-instructor-how = Bạn có thể hỏi giảng viên trực tiếp trong buổi thảo luận, giải đáp, hoặc nhờ cán bộ quản lý lớp chuyển câu hỏi.
qa-no-answer = 🤔 Tài liệu của lớp chưa có câu trả lời cho câu hỏi này. Tôi không muốn trả lời đoán.
qa-did-you-mean = Có phải bạn muốn hỏi về:
qa-no-answer-next = Bạn có thể hỏi lại bằng từ ngữ khác, hoặc bấm «Hỏi giảng viên».
qa-empty = Mời bạn gõ câu hỏi bằng chữ, ví dụ: «bản thu hoạch viết như thế nào?»
qa-ask-prompt = Mời bạn gõ câu hỏi về chương trình học (có dấu hay không dấu đều được), ví dụ: /ask chi bộ sinh hoạt mấy lần một tháng
qa-expired = Kết quả này đã cũ. Mời bạn gõ lại câu hỏi.
qa-long-question = <i>Câu hỏi khá dài; tôi tìm theo { $chars } ký tự đầu.</i>
qa-unavailable = Chức năng hỏi đáp đang tạm dừng. Mời bạn thử lại sau.

reload-done = Đã nạp lại tài liệu: { $docs } tệp, { $passages } đoạn, trong { $ms } ms.
reload-failed = Không nạp lại được: tài liệu có lỗi (bot vẫn dùng bản cũ).
    { $problems }

cmd-ask = Hỏi về nội dung chương trình
cmd-reload = Nạp lại tài liệu bài học

# Câu hỏi về cách dùng trợ giảng (locales/vi/intents.yaml): hướng dẫn ngắn và lệnh làm việc đó.
intent-usage-checkin = ✅ Điểm danh: khi giảng viên mở điểm danh, bấm «{ menu-checkin }» ở menu bên dưới (hoặc gõ /checkin) rồi gửi mã giảng viên đọc; gõ thẳng mã cũng được.
intent-usage-report = 📝 Nộp bản thu hoạch: bấm «{ menu-report }» ở menu (hoặc gõ /report) rồi gửi bài: tệp Word, PDF, ảnh chụp bài viết tay hoặc gõ chữ. Nộp lại thì bản mới thay bản cũ.
intent-usage-schedule = 📅 Lịch học: bấm «{ menu-schedule }» ở menu hoặc gõ /schedule. Hôm nay: /today, buổi tới: /next.
intent-usage-language = 🌐 Đổi ngôn ngữ: gõ /language rồi chọn Tiếng Việt hoặc English.
intent-usage-ask = 🙋 Hỏi giảng viên: bấm «{ menu-question }» ở menu (hoặc gõ /question kèm câu hỏi), hoặc bấm «{ qa-ask-instructor }» dưới câu trả lời.
intent-usage-feedback = ⭐ Đánh giá buổi học: gõ /feedback; trợ giảng cũng hỏi bạn sau mỗi buổi.
intent-usage-reminders = 🔔 Nhắc lịch: gõ /settings để bật hoặc tắt từng loại nhắc.
intent-usage-join = 🔗 Vào lớp: mở đường link mời của lớp (cán bộ quản lý lớp gửi), trợ giảng sẽ hướng dẫn đăng ký.
intent-usage-profile = 👤 Hồ sơ: gõ /profile để xem và sửa họ tên, đơn vị, chức vụ.
intent-usage-help = ℹ️ Trợ giảng trả lời câu hỏi về chương trình, cho xem lịch (/schedule), điểm danh (/checkin), nhận bản thu hoạch (/report) và chuyển câu hỏi cho giảng viên (/question). Gõ /help để xem đủ.
intent-usage-announcements = 📢 Thông báo cũ: gõ /announcements.
intent-usage-leave = 🚪 Rời lớp: gõ /leave.

# Chuyện trò: trả lời ngắn, kèm menu; không tìm trong tài liệu.
intent-chat-hello = Chào bạn! 👋 Bạn cứ hỏi về chương trình học, lịch học hay bản thu hoạch nhé.
intent-chat-thanks = Không có gì ạ! 😊 Cần gì bạn cứ hỏi tiếp nhé.
intent-chat-bye = Chào bạn, chúc bạn học tốt! 👋
intent-chat-who = Tôi là trợ giảng — bot của lớp bồi dưỡng, trả lời từ tài liệu của lớp và dữ liệu lớp học của bạn. Việc tôi không chắc, tôi chuyển cho giảng viên.
intent-chat-praise = Cảm ơn bạn! 😊
intent-chat-complaint = Xin lỗi bạn 🙏 Bạn thử hỏi lại bằng cách khác, hoặc bấm «Hỏi giảng viên» để giảng viên trả lời.
intent-chat-ok = 👍

# Gần với khoá học nhưng tài liệu không có: từ chối rõ ràng và đề nghị hỏi giảng viên.
intent-declined = 🤔 Việc này tài liệu của lớp không có, nên tôi không trả lời để tránh sai. Bạn có thể hỏi giảng viên hoặc cán bộ quản lý lớp.

# Câu hỏi về lớp học của chính học viên: trả lời từ dữ liệu lớp.
course-no-class = Bạn chưa ở lớp nào. Mở đường link mời của lớp (cán bộ quản lý lớp gửi) để vào lớp.
course-staff = Phần này tính theo từng học viên, còn bạn là giảng viên hoặc cán bộ quản lý của lớp <b>{ $name }</b>. Điểm danh của cả lớp: /attendance; bản thu hoạch: /reports.
course-staff-many = Bạn quản lý nhiều lớp; chọn lớp ở /classes để xem lịch, địa điểm và học viên của lớp đó.
course-class-head = <b>{ $name }</b>
course-next = ⏭ Buổi tới: { $when }
    { $title }{ $venue }
course-tomorrow = 📅 Ngày mai ({ $day }):
course-on-day = 📅 { $day }:
course-today = 📅 Hôm nay ({ $day }):
course-none-left = Lớp đã học hết các buổi.
course-no-session-day = Ngày này lớp không có buổi học.
course-this-week = 📅 Tuần này ({ $from } – { $to }):
course-next-week = 📅 Tuần sau ({ $from } – { $to }):
course-no-session-week = Tuần đó lớp không còn buổi học nào.
course-venue = { " · " }📍 { $venue }
course-venue-all = 📍 { $venue }
course-deadline = 📝 Hạn nộp bản thu hoạch: <b>{ $when }</b>.
course-deadline-none = Lớp chưa có hạn nộp bản thu hoạch.
course-deadline-left = { $days ->
        [0] Hôm nay là hạn cuối.
       *[other] Còn { $days } ngày.
    }
course-deadline-passed = Hạn đã qua; bài nộp bây giờ vẫn được nhận nhưng ghi là nộp muộn.
course-deadline-submitted = Bạn đã nộp bài ({ $when }).
course-attendance = ✅ Bạn có mặt { $attended }/{ $done } buổi đã học, vắng { $missed } buổi (cả khoá { $counted } buổi được tính).
course-attendance-none = ✅ Lớp chưa học buổi nào; cả khoá có { $counted } buổi được tính điểm danh.
course-report-none = 📝 Bạn chưa nộp bản thu hoạch. Gõ /report để nộp.
course-report-submitted = 📝 Bạn đã nộp bản thu hoạch (lần { $version }, { $when }); bài chưa được chấm.
course-report-newer = Lần nộp { $version } chưa được chấm; kết quả trên là của lần { $graded }.
course-instructor = 👤 { $when } · { $title }: giảng viên <b>{ $name }</b>
course-instructor-unset = 👤 { $when } · { $title }: lịch chưa ghi tên giảng viên.
course-instructor-ask = Bạn có thể hỏi cán bộ quản lý lớp hoặc gửi câu hỏi qua /question.
course-roster = 👥 Lớp có { $n } học viên đã vào lớp trên trợ giảng.
course-roster-listed = 👥 Lớp có { $n } học viên đã vào lớp trên trợ giảng (danh sách lớp ghi { $listed } người).
course-venue-class = 📍 Lớp học tại: <b>{ $venue }</b>
course-venue-unset = Lớp chưa ghi địa điểm học; bạn hỏi cán bộ quản lý lớp giúp nhé.
course-venue-session = Buổi tới ({ $when }) học tại: <b>{ $venue }</b>
course-report-graded = 📝 Bản thu hoạch của bạn: <b>{ $grade }</b>.
course-certificate-yes = 🎓 Bạn đủ điều kiện nhận giấy chứng nhận (có mặt { $attended }/{ $counted } buổi, bản thu hoạch đạt).
course-certificate-no = 🎓 Hiện bạn chưa đủ điều kiện nhận giấy chứng nhận: { $reasons }. Cần có mặt ít nhất { $required }/{ $counted } buổi và bản thu hoạch đạt yêu cầu.
course-absence = Lớp tính điều kiện cấp giấy chứng nhận theo số buổi có mặt: cần ít nhất { $required }/{ $counted } buổi. Bạn đã có mặt { $attended } buổi, còn { $left } buổi; { $canMiss ->
        [0] bạn không nên vắng thêm buổi nào.
       *[other] bạn còn được vắng tối đa { $canMiss } buổi.
    } Vắng buổi nào thì báo giảng viên (/question) và tự đọc bài đó.
course-absence-lost = Lớp tính điều kiện cấp giấy chứng nhận theo số buổi có mặt: cần ít nhất { $required }/{ $counted } buổi; với { $attended } buổi có mặt và { $left } buổi còn lại, bạn không còn đủ số buổi. Mời bạn trao đổi với giảng viên (/question).

# Phần câu hỏi kép «A và B?».
qa-answered-part = <i>Tôi trả lời phần «{ $part }»; phần «{ $rest }» mời bạn hỏi riêng.</i>
qa-medium-short = <i>Phần này do nhóm biên soạn tóm tắt, hãy đối chiếu tài liệu của lớp.</i>

# Tên ngắn của một yêu cầu, trên nút «Có phải bạn muốn hỏi về».
qa-near = 👉 { $what }
intent-label-usage-checkin = Cách điểm danh
intent-label-usage-report = Cách nộp bản thu hoạch
intent-label-usage-schedule = Xem lịch học
intent-label-usage-language = Đổi ngôn ngữ
intent-label-usage-ask = Gửi câu hỏi cho giảng viên
intent-label-usage-feedback = Đánh giá buổi học, góp ý
intent-label-usage-reminders = Nhắc lịch học
intent-label-usage-join = Cách vào lớp
intent-label-usage-profile = Sửa thông tin cá nhân
intent-label-usage-help = Bot làm được những gì
intent-label-usage-announcements = Thông báo của lớp
intent-label-usage-leave = Rời lớp
intent-label-course-next = Buổi học tới của lớp
intent-label-course-today = Lịch học hôm nay
intent-label-course-deadline = Hạn nộp bản thu hoạch
intent-label-course-attendance = Số buổi bạn đã có mặt
intent-label-course-report = Kết quả bản thu hoạch của bạn
intent-label-course-instructor = Giảng viên của buổi học
intent-label-course-roster = Sĩ số lớp
intent-label-course-venue = Địa điểm học
intent-label-course-certificate = Giấy chứng nhận của bạn
intent-label-course-absence = Nếu vắng một buổi
