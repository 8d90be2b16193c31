# Rights: who may do what, checked at the moment of each write; instructors by a coordinator's yes; nothing
# irreversible on one tap.

rights-own-work = Xin lỗi, không ai tự chấm bài của chính mình. Bài này cần một giảng viên khác của lớp chấm.
rights-not-in-class = Xin lỗi, bạn không (còn) là học viên của lớp này nên không gửi được. Nếu đây là nhầm lẫn, hãy liên hệ cán bộ quản lý lớp.
rights-class-not-ended = Lớp học chưa kết thúc; phiếu khảo sát sau khoá học sẽ mở khi lớp đã học xong.
rights-session-unknown = Không tìm thấy buổi học này trong lịch của lớp (có thể lịch đã thay đổi). Không có gì được lưu.
rights-session-not-held = Buổi học này chưa diễn ra; bạn có thể đánh giá sau khi buổi học kết thúc.
rights-session-absent = Theo điểm danh, bạn không có mặt ở buổi này nên không đánh giá được buổi này.
rights-session-not-visit = Bài thu hoạch đi thực tế chỉ dành cho buổi đi thực tế.

ins-request = 🙋 Có người mở link giảng viên của lớp «{ $name }» và xin làm giảng viên:
ins-profile =
    👤 { $name }
    Tên Telegram: { $telegram } · { $username } · id { $id }
    Đơn vị: { $unit } · Chức vụ: { $position }
ins-accept = ✅ Nhận làm giảng viên
ins-refuse = ❌ Từ chối
ins-asked = 📨 Đã gửi đề nghị của bạn tới cán bộ quản lý lớp «{ $name }». Khi họ đồng ý, bạn sẽ nhận được tin nhắn và có quyền giảng viên của lớp.
ins-asked-nobody = 📨 Đã ghi nhận đề nghị làm giảng viên lớp «{ $name }», nhưng hiện chưa gửi được tới cán bộ quản lý lớp nào. Mời bạn liên hệ trực tiếp với họ.
ins-still-waiting = ⏳ Đề nghị làm giảng viên lớp «{ $name }» của bạn đang chờ cán bộ quản lý lớp trả lời.
ins-learner-cannot = Xin lỗi, bạn đang là học viên của lớp «{ $name }» nên không thể đồng thời là giảng viên của lớp này. Nếu đây là nhầm lẫn, hãy liên hệ cán bộ quản lý lớp.
ins-instructor-cannot-learn = Xin lỗi, bạn đang là giảng viên của lớp «{ $name }» nên không thể đồng thời là học viên của lớp này.
ins-you-teach = ✅ { $by } đã nhận bạn làm giảng viên của lớp «{ $name }». Dùng /checkin_open để mở điểm danh, /attendance để xem ai có mặt và /reports để chấm bài thu hoạch.
ins-answered-already = Đề nghị này đã được trả lời rồi.
ins-refused-you = Cán bộ quản lý lớp chưa nhận bạn làm giảng viên của lớp «{ $name }». Nếu cần, mời bạn liên hệ trực tiếp với họ.
ins-refused = Đã từ chối: { $person } không trở thành giảng viên của lớp «{ $name }»; người này đã được báo.
ins-appoint-added = ✅ { $person } đã là giảng viên của lớp «{ $name }» và đã được báo.
ins-appoint-already = { $person } vốn đã là giảng viên của lớp «{ $name }».
ins-appoint-learner = { $person } đang là học viên của lớp «{ $name }» nên không thể đồng thời là giảng viên. Hãy xoá người này khỏi danh sách học viên trước nếu muốn.
ins-appoint-ask = Bổ nhiệm giảng viên cho lớp «{ $name }»: gửi @username hoặc id Telegram của người đó (người đó cần đã từng nhắn cho bot), hoặc chọn một người vừa nhắn cho bot:
ins-appoint-cancelled = Đã huỷ, không bổ nhiệm ai.
ins-appoint-not-found = Không tìm thấy «{ $who }». Người đó cần nhắn cho bot ít nhất một lần; mời bạn gửi lại @username hoặc id, hoặc bấm Huỷ.
ins-panel-title = 👤 Giảng viên lớp «{ $name }»: { $count } người
ins-panel-waiting = ⏳ Đang chờ bạn trả lời (đã mở link giảng viên):
ins-btn-appoint = ➕ Bổ nhiệm giảng viên
ins-btn-all = Giảng viên cho tất cả các buổi
ins-none-yet = Lớp chưa có giảng viên nào. Hãy bổ nhiệm giảng viên trước, rồi chọn người dạy từng buổi.
ins-pick-for-session = Ai dạy buổi này? Chọn một giảng viên của lớp:

confirm-no = Không
confirm-kept = Đã giữ nguyên, không có gì thay đổi.
leave-confirm = Bạn muốn rời lớp «{ $name }»? Bạn sẽ không nhận nhắc lịch, thông báo và không nộp được bài thu hoạch của lớp này nữa. Muốn quay lại, bạn cần link lớp từ cán bộ quản lý lớp.
leave-yes = 🚪 Rời lớp
leave-no = Ở lại lớp
leave-kept = Bạn vẫn ở trong lớp «{ $name }».
regen-confirm-learner = ♻️ Thu hồi link học viên của lớp «{ $name }»? Link cũ sẽ không dùng được nữa: ai chưa vào lớp sẽ cần link mới (học viên đã vào lớp vẫn ở lại).
regen-confirm-instructor = ♻️ Thu hồi link giảng viên của lớp «{ $name }»? Link cũ sẽ không dùng được nữa; giảng viên hiện có vẫn giữ nguyên.
regen-yes = ♻️ Thu hồi và tạo link mới
remove-confirm = Xoá { $learner } khỏi lớp «{ $name }»? Người này sẽ không nhận nhắc lịch, thông báo và không nộp được bài thu hoạch nữa (bài đã nộp và điểm danh vẫn được giữ).
remove-yes = ❌ Xoá khỏi lớp
remove-undo = ↩️ Thêm lại vào lớp
remove-undone = ↩️ Đã thêm lại { $learner } vào lớp «{ $name }».
cls-not-member-other = { $learner } không (còn) ở trong lớp «{ $name }».
questions-mark-confirm = Đánh dấu câu hỏi này là đã trả lời trên lớp? Học viên sẽ được báo và câu hỏi rời khỏi danh sách đang chờ.
    <blockquote>{ $question }</blockquote>
questions-mark-yes = ✅ Đã trả lời trên lớp
