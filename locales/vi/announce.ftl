# Thông báo: /announce (giảng viên, cán bộ quản lý lớp), /announcements (học viên), /unreachable (cán bộ quản lý lớp).

cmd-announce = Gửi thông báo tới lớp
cmd-announcements = Xem lại các thông báo gần đây
cmd-unreachable = Học viên không nhận được tin của bot

ann-no-classes = Bạn chưa phụ trách lớp nào nên chưa có ai để gửi thông báo.
ann-choose-audience = <b>Gửi thông báo</b> — bước 1/3. Chọn lớp nhận thông báo (bấm để chọn hoặc bỏ chọn), rồi bấm «Tiếp tục». Gõ /cancel để dừng.
ann-audience-centre = 🏫 Cả { $centre } ({ $count } lớp)
ann-audience-all = 📚 Tất cả lớp của tôi
ann-audience-next = ➡️ Tiếp tục
ann-audience-cancel = ✖️ Huỷ
ann-audience-none = Hãy chọn ít nhất một lớp.
ann-audience-chosen = Gửi tới: <b>{ $classes }</b> — { $count } học viên.
ann-ask-content = Bước 2/3. Gửi nội dung thông báo: một tin nhắn chữ, hoặc một ảnh / một tệp (có thể kèm chú thích).
ann-content-invalid = Tôi cần một tin nhắn chữ, một ảnh hoặc một tệp. Mời bạn gửi lại.
ann-content-too-long = Nội dung dài quá: tối đa { $max } ký tự cho loại tin này, hiện có { $length }. Mời bạn gửi lại bản ngắn hơn.
ann-preview-intro = Bước 3/3. Học viên sẽ nhận được đúng như tin dưới đây:
ann-confirm = Gửi thông báo này tới { $count } học viên của <b>{ $classes }</b>?
ann-confirm-send = ✅ Gửi
ann-confirm-edit = ✏️ Soạn lại
ann-confirm-cancel = ✖️ Huỷ
ann-cancelled = Đã huỷ, chưa gửi gì.
ann-not-allowed-now = Bạn không còn quyền gửi tới lớp đã chọn nên thông báo chưa được gửi.
ann-no-learners = Các lớp đã chọn chưa có học viên nào.
ann-unavailable = Chức năng gửi thông báo đang tạm dừng. Vui lòng thử lại sau.

ann-progress = 📤 Đang gửi thông báo: { $done }/{ $total } — đã nhận { $delivered }, chặn bot { $blocked }, lỗi { $failed }.
ann-progress-done = ✅ Đã gửi xong: { $done }/{ $total } — đã nhận { $delivered }, chặn bot { $blocked }, lỗi { $failed }.

ann-message-header = 📢 <b>Thông báo</b> — { $classes }
ann-message-footer = — <i>{ $sender }</i>

ann-report-title = 📊 <b>Kết quả gửi thông báo</b> — { $classes }
ann-report-counts = Tổng { $total } học viên: đã nhận { $delivered } · chặn bot hoặc tài khoản không còn { $blocked } · lỗi { $failed }.
ann-report-blocked = 🚫 Chặn bot hoặc tài khoản không còn ({ $count }):
ann-report-failed = ⚠️ Không gửi được sau nhiều lần thử ({ $count }):
ann-report-all = Tất cả học viên đã nhận được thông báo.

ann-list-empty = Chưa có thông báo nào cho lớp của bạn.
ann-list-title = 📢 <b>Các thông báo gần nhất</b> ({ $count })
ann-list-item = <b>{ $n }.</b> { $date } · { $classes } · <i>{ $sender }</i>
ann-list-attachment = 📎 Có ảnh hoặc tệp đính kèm.
ann-list-show-file = 📎 Tệp của thông báo { $n }
ann-list-file-gone = Thông báo này không còn.

ann-unreachable-title = 🚫 <b>Học viên không nhận được tin của bot</b> (đã chặn bot hoặc tài khoản không còn)
ann-unreachable-class = <b>{ $class }</b> ({ $count }):
ann-unreachable-item = • { $name } — từ { $date }
ann-unreachable-none = Không có học viên nào chặn bot.
