# Lớp học: mở lớp, mã mời, lịch học, nhắc lịch, điểm danh.

menu-schedule = 📅 Lịch học

cmd-schedule = Lịch học của lớp
cmd-today = Hôm nay học gì
cmd-next = Buổi học tiếp theo
cmd-checkin = Điểm danh bằng mã
cmd-settings = Cài đặt nhắc lịch
cmd-leave = Rời lớp
cmd-checkin-open = Mở điểm danh cho buổi học
cmd-attendance = Xem ai có mặt, ai vắng
cmd-newclass = Mở lớp mới
cmd-classes = Danh sách lớp và chỉnh sửa

cls-weekday-0 = Chủ nhật
cls-weekday-1 = Thứ Hai
cls-weekday-2 = Thứ Ba
cls-weekday-3 = Thứ Tư
cls-weekday-4 = Thứ Năm
cls-weekday-5 = Thứ Sáu
cls-weekday-6 = Thứ Bảy
cls-date = { $weekday }, { $date }
cls-half-morning = Sáng
cls-half-afternoon = Chiều
cls-when = { $half } { $day } ({ $times })
cls-title-lesson = Bài { $n }. { $title }
cls-title-topic = Chuyên đề: { $title }
cls-short-lesson = Bài { $n }
cls-at-venue = tại { $venue }
cls-by-instructor = giảng viên: { $name }
cls-schedule-title = 📅 <b>Lịch học — { $name }</b>
cls-centre-line = 🏛 Đơn vị tổ chức: { $centre }
cls-venue-line = 📍 Địa điểm: { $venue }
cls-schedule-day = <b>Ngày { $day } — { $date }</b>
cls-schedule-legend = ✅ đã học · ▶️ đang học · ⏭ buổi tiếp theo
cls-role-learner = học viên
cls-role-instructor = giảng viên

cls-none = Bạn chưa tham gia lớp nào. Hãy mở đường link mời vào lớp mà cán bộ quản lý lớp gửi cho bạn.
cls-none-taught = Bạn chưa phụ trách lớp nào. Hãy mở đường link mời giảng viên mà cán bộ quản lý lớp gửi cho bạn.
cls-pick = Bạn đang ở nhiều lớp. Chọn lớp:
cls-not-found = Không tìm thấy lớp hoặc buổi học này (có thể đã thay đổi). Gõ /help để xem các lệnh.
cls-not-member = Bạn không ở trong lớp «{ $name }».

cls-code-wrong = Mã mời không đúng. Mời bạn kiểm tra lại đường link mà cán bộ quản lý lớp gửi, hoặc hỏi lại họ.
cls-code-revoked = Mã mời này đã bị thu hồi. Mời bạn xin cán bộ quản lý lớp đường link mới.
cls-join-register-first = Chào mừng bạn đến với lớp «{ $name }». Trước khi vào lớp, mời bạn cho biết thông tin học viên.
cls-join-prefilled =
    Tôi đã có tên bạn trong danh sách lớp:
    • Họ tên: <b>{ $name }</b>
    • Đơn vị: <b>{ $unit }</b>
    Mời bạn chọn <b>chức vụ</b> trong cấp uỷ:
cls-joined = ✅ Bạn đã vào lớp «{ $name }». Buổi học đầu tiên: { $day }. Bấm «📅 Lịch học» hoặc gõ /schedule để xem lịch; tôi sẽ nhắc lịch trước mỗi buổi.
cls-join-already = Bạn đã ở trong lớp «{ $name }» rồi. Gõ /schedule để xem lịch học.
cls-instructor-already = Bạn đã là giảng viên của lớp «{ $name }».
cls-left = Bạn đã rời lớp «{ $name }» và sẽ không nhận nhắc lịch của lớp này nữa.

cls-today-none = Hôm nay lớp «{ $name }» không có buổi học.
cls-today-title = 📅 <b>Hôm nay — { $day }</b> (lớp { $name })
cls-now-line = ▶️ Đang học: { $title } — { $when }
cls-next-line = ⏭ Buổi tiếp theo: { $title } — { $when }
cls-next-none = Lớp «{ $name }» đã học xong tất cả các buổi.

cls-settings-title = 🔔 <b>Nhắc lịch</b> — bấm để bật/tắt từng loại:
cls-setting-evening_before = Tối hôm trước (19:00)
cls-setting-session_soon = 30 phút trước mỗi buổi
cls-setting-report_deadline = Hạn nộp bản thu hoạch
cls-setting-muted = Đã tắt: { $what }
cls-setting-unmuted = Đã bật: { $what }

cls-remind-evening = 🔔 <b>Nhắc lịch</b> — { $when ->
    [today] hôm nay
    [tomorrow] ngày mai
   *[other] sắp tới
}, { $day }, lớp «{ $name }» học:
cls-remind-soon = 🔔 Còn { $minutes } phút nữa ({ $time }) lớp «{ $name }» bắt đầu: { $title }. Địa điểm: { $venue }.
cls-remind-deadline = 🔔 Nhắc: hạn nộp bản thu hoạch của lớp «{ $name }» là { $time } { $when ->
    [today] hôm nay,{" "}
    [tomorrow] ngày mai,{" "}
   *[other] {""}
}{ $day }.
cls-remind-deadline-soon = ⏰ Còn ít giờ nữa là hết hạn nộp bản thu hoạch của lớp «{ $name }» ({ $time } { $when ->
    [today] hôm nay,{" "}
    [tomorrow] ngày mai,{" "}
   *[other] {""}
}{ $day }).

cls-checkin-no-session = Lớp «{ $name }» không còn buổi học nào để điểm danh.
cls-checkin-opened =
    ✅ Đã mở điểm danh: { $title } (lớp { $name }).
    Mã điểm danh: <b>{ $code }</b>
    Hãy chiếu mã này trong lớp. Mã có hiệu lực { $minutes } phút (đến { $until }). Học viên gửi /checkin { $code } hoặc chỉ gửi 4 chữ số.
cls-checkin-none-open = Hiện không có lớp nào của bạn đang mở điểm danh. Hãy đợi giảng viên mở điểm danh và đọc mã.
cls-checkin-ask = Mời bạn gửi mã điểm danh gồm 4 chữ số mà giảng viên chiếu trong lớp.
cls-checkin-ok = ✅ Đã điểm danh: { $title } (lớp { $name }). Cảm ơn bạn!
cls-checkin-already = Bạn đã điểm danh rồi ({ $title }).
cls-checkin-wrong = ❌ Mã điểm danh không đúng. Bạn còn { $left } lần thử.
cls-checkin-blocked = Bạn đã nhập sai quá nhiều lần. Mời bạn thử lại sau { $until }, hoặc báo giảng viên.
cls-checkin-format = Mã điểm danh gồm đúng 4 chữ số (ví dụ: 1234). Mời bạn gửi lại.

cls-attendance-none = Lớp «{ $name }» chưa có buổi nào để xem điểm danh.
cls-attendance-title = 📋 <b>Điểm danh — { $title }</b>
    { $when }, lớp { $name }: có mặt { $present }/{ $total }
cls-attendance-present = <b>Có mặt</b>
cls-attendance-missing = <b>Vắng</b>

cls-new-intro = <b>Mở lớp mới</b> — 5 bước. Gõ /cancel bất cứ lúc nào để dừng.
cls-new-ask-name = Bước 1/5. <b>Tên lớp</b>? (ví dụ: Lớp bồi dưỡng bí thư chi bộ khoá I năm 2026)
cls-new-name-invalid = Tên lớp cần từ 3 đến 120 ký tự. Mời bạn nhập lại.
cls-new-ask-centre = Bước 2/5. <b>Đơn vị tổ chức</b> (trung tâm chính trị, đảng bộ)?
cls-new-ask-venue = Bước 3/5. <b>Địa điểm học</b>?
cls-new-text-invalid = Cần từ 2 đến 200 ký tự. Mời bạn nhập lại.
cls-new-ask-start = Bước 4/5. <b>Ngày khai giảng</b>? (dạng 01/12/2026 hoặc 2026-12-01)
cls-new-date-invalid = Ngày không hợp lệ. Mời bạn nhập theo dạng 01/12/2026 (ngày/tháng/năm) hoặc 2026-12-01.
cls-new-ask-variant = Bước 5/5. Lớp học <b>mấy ngày</b>?
cls-new-variant = { $days } ngày
cls-new-confirm = Đây là lịch học dự kiến. Tạo lớp với lịch này?
cls-new-confirm-yes = ✅ Tạo lớp
cls-new-confirm-again = ✏️ Nhập lại
cls-new-created =
    ✅ Đã tạo lớp «{ $name }» (mã lớp { $id }).
    🔗 Link mời <b>học viên</b>: { $learnerLink }
    🔗 Link mời <b>giảng viên</b>: { $instructorLink }
    Gửi đúng link cho đúng người. Có thể thu hồi và tạo link mới trong /classes.

cls-list-empty = Chưa có lớp nào. Gõ /newclass để mở lớp mới.
cls-list-title = <b>Các lớp</b> — chọn một lớp để xem và chỉnh sửa:
cls-list-line = • { $name } ({ $id }) — khai giảng { $start }, { $learners } học viên
cls-card =
    <b>{ $name }</b> ({ $id })
    🏛 { $centre }
    📍 { $venue }
    Từ: { $from }
    Đến: { $to }
    👥 { $learners } học viên, { $instructors } giảng viên
cls-btn-schedule = 📅 Lịch học
cls-btn-links = 🔗 Link mời
cls-btn-move = ↔️ Dời buổi học
cls-btn-venue = 📍 Đổi địa điểm
cls-btn-instructor = 👤 Đổi giảng viên
cls-btn-learners = 👥 Học viên
cls-btn-topic-add = ➕ Thêm chuyên đề
cls-btn-topic-remove = ➖ Bỏ chuyên đề
cls-btn-regen-learner = ♻️ Đổi link học viên
cls-btn-regen-instructor = ♻️ Đổi link giảng viên
cls-links =
    Lớp «{ $name }»:
    🔗 Học viên: { $learnerLink }
    🔗 Giảng viên: { $instructorLink }
cls-code-regenerated = ♻️ Đã thu hồi link { $role } cũ. Link mới: { $link }
cls-move-pick = Chọn buổi học cần dời:
cls-move-ask-date = Dời «{ $title }» sang <b>ngày</b> nào? (dạng 03/12/2026)
cls-move-ask-half = Buổi sáng, buổi chiều, hay giờ cụ thể?
cls-venue-ask = <b>Địa điểm mới</b> của lớp?
cls-topic-ask = Chọn chuyên đề cần thêm (sẽ xếp trước buổi thảo luận):
cls-topic-other = ✏️ Chuyên đề khác…
cls-topic-ask-title = Nhập <b>tên chuyên đề</b>:
cls-topic-title-invalid = Tên chuyên đề cần từ 5 đến 200 ký tự, có ít nhất hai từ. Mời bạn nhập lại.
cls-topic-none = Lớp này chưa có chuyên đề nào để bỏ.
cls-topic-remove-pick = Chọn chuyên đề cần bỏ:
cls-learners-title = <b>Học viên lớp { $name }</b> ({ $count }). Bấm ❌ để xoá một học viên khỏi lớp.
cls-learner-removed = Đã xoá { $learner } khỏi lớp «{ $name }»; người này sẽ không nhận nhắc lịch nữa.

cls-change-notice =
    📢 <b>Thay đổi lịch học:</b> { $change }
    Lớp: { $name }. Gõ /schedule để xem lịch mới.
cls-change-move = { $title } chuyển sang { $when }.
cls-change-venue = địa điểm học mới: { $venue }.
cls-change-instructor-one = giảng viên buổi «{ $title }»: { $name }.
cls-change-instructor-all = giảng viên các buổi học: { $name }.
cls-change-topic-add = thêm { $title }, vào { $when }.
cls-change-topic-remove = bỏ { $title }.
cls-edit-done = ✅ Đã lưu: { $change } Đã báo cho { $count } học viên.
cls-edit-error-slot_taken = Buổi đó đã có buổi học khác. Hãy chọn ngày hoặc buổi khác (hoặc dời buổi kia trước).
cls-edit-error-session_not_found = Không tìm thấy buổi học này (có thể vừa thay đổi).
cls-edit-error-invalid_slot = Ngày hoặc buổi không hợp lệ.
cls-edit-error-invalid_times = Giờ học không hợp lệ.
cls-edit-error-not_a_topic = Chỉ bỏ được các chuyên đề, không bỏ được bài học chính.
cls-edit-error-unknown_topic = Không có chuyên đề này trong khung chương trình.
cls-edit-error-slot_required = Cần chọn ngày cho chuyên đề.
cls-edit-error-no_class = Không tìm thấy lớp này.

# Schedules as centres run them: exact times, a venue per session, order checks, confirmed start dates and names.
cls-half-exact = 🕘 Giờ cụ thể
cls-move-ask-times = Giờ <b>bắt đầu và kết thúc</b>? (dạng 07:00-11:30)
cls-move-times-invalid = Giờ chưa đúng. Mời bạn nhập giờ bắt đầu và giờ kết thúc, ví dụ 07:00-11:30 (kết thúc sau bắt đầu).
cls-move-taken = ⚠️ { $when } đã có buổi học khác: { $holder }. Mời bạn chọn ngày khác cho «{ $title }» (hoặc /cancel để thôi).
cls-move-warn =
    ⚠️ Dời «{ $title }» như vậy thì:
    { $warnings }
    Bạn vẫn dời chứ?
cls-move-warn-after_report_writing = • có buổi học nằm sau buổi «Viết bản thu hoạch» (theo hướng dẫn, bản thu hoạch viết sau cùng).
cls-move-warn-visit_outside_course = • buổi tham quan nằm ngoài thời gian khoá học.
cls-move-warn-yes = ✅ Vẫn dời
cls-move-warn-again = ✏️ Chọn lại
cls-btn-venue-one = 📍 Địa điểm một buổi
cls-venue-pick = Chọn buổi học cần đặt địa điểm riêng (ví dụ buổi tham quan):
cls-venue-ask-one = <b>Địa điểm</b> của buổi «{ $title }»? (hiện tại: { $venue }) — ví dụ địa chỉ nơi tham quan.
cls-change-venue-one = địa điểm buổi «{ $title }»: { $venue }.
cls-new-dup = ⚠️ Đã có lớp «{ $name }» ({ $id }, khai giảng { $start }). Vẫn đặt tên này cho lớp mới?
cls-new-dup-keep = Vẫn đặt tên này
cls-new-dup-rename = ✏️ Đặt tên khác
cls-new-past = ⚠️ Ngày { $day } đã qua (hôm nay là { $today }). Vẫn dùng ngày này?
cls-new-past-keep = Vẫn dùng ngày này
cls-new-date-again = ✏️ Nhập ngày khác
cls-new-weekend = ⚠️ { $day } là ngày cuối tuần. Lớp bắt đầu ngày nào?
cls-new-weekend-keep = Bắt đầu đúng { $day }
cls-new-weekend-monday = Bắt đầu { $day }
