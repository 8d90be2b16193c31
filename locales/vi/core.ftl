# Lõi của bot: chào hỏi, trợ giúp, ngôn ngữ, đăng ký, lỗi chung.

welcome =
    Xin chào { $name }! Tôi là <b>Trợ giảng</b>, bot hỗ trợ lớp bồi dưỡng công tác đảng cho bí thư chi bộ và cấp uỷ viên cơ sở.
    Tôi giúp bạn theo dõi lịch học, hỏi đáp về nội dung chương trình, điểm danh, nộp bản thu hoạch và gửi góp ý cho lớp.
welcome-register-hint = Để bắt đầu, mời bạn đăng ký thông tin học viên (họ tên, đơn vị, chức vụ).
welcome-back = Chào mừng bạn quay lại, { $name }. Chọn một mục trong menu bên dưới hoặc gõ /help.
group-only-private = Mời bạn nhắn riêng cho tôi (bấm vào tên bot, chọn «Nhắn tin») để dùng các chức năng của lớp học.

menu-profile = 👤 Hồ sơ
menu-help = ℹ️ Trợ giúp
menu-language = 🌐 Ngôn ngữ
menu-register = ✍️ Đăng ký
menu-placeholder = Chọn một mục hoặc gõ câu hỏi…

help-title = <b>Các lệnh bạn dùng được</b> (vai trò: { $role })
help-footer = Gõ /cancel để thoát bất kỳ bước nhập liệu nào.
role-learner = học viên
role-instructor = giảng viên
role-coordinator = cán bộ quản lý lớp

cmd-start = Bắt đầu, menu chính
cmd-help = Danh sách lệnh
cmd-language = Đổi ngôn ngữ
cmd-profile = Xem và sửa hồ sơ
cmd-register = Đăng ký thông tin học viên
cmd-cancel = Thoát bước đang làm

language-choose = Chọn ngôn ngữ hiển thị:
language-set = Đã chuyển sang tiếng Việt.
language-unknown = Ngôn ngữ này chưa được hỗ trợ. Mời bạn chọn một trong các nút bên dưới.

reg-intro = <b>Đăng ký học viên</b> — 3 bước. Gõ /cancel bất cứ lúc nào để dừng; thông tin đã nhập sẽ được giữ nếu bạn quay lại sau.
reg-ask-name = Bước 1/3. Mời bạn nhập <b>họ và tên</b> đầy đủ (ví dụ: Nguyễn Văn An).
reg-name-invalid = Họ tên cần từ 2 đến 100 ký tự, chỉ gồm chữ cái, dấu cách, dấu chấm hoặc gạch nối. Mời bạn nhập lại.
reg-ask-unit = Bước 2/3. Bạn sinh hoạt ở <b>chi bộ / đơn vị</b> nào? (ví dụ: Chi bộ thôn Đông, Đảng bộ xã Hoà Bình)
reg-unit-invalid = Tên đơn vị cần từ 2 đến 150 ký tự. Mời bạn nhập lại.
reg-ask-position = Bước 3/3. <b>Chức vụ</b> trong cấp uỷ của bạn là gì?
reg-position-invalid = Mời bạn chọn chức vụ bằng một trong các nút bên dưới.
reg-text-expected = Ở bước này tôi cần một tin nhắn chữ. Mời bạn nhập lại, hoặc gõ /cancel để dừng.
reg-confirm =
    Mời bạn kiểm tra lại:
    • Họ tên: <b>{ $name }</b>
    • Đơn vị: <b>{ $unit }</b>
    • Chức vụ: <b>{ $position }</b>
reg-confirm-yes = ✅ Đúng, lưu lại
reg-confirm-edit = ✏️ Nhập lại
reg-saved = Đã lưu hồ sơ của bạn. Cảm ơn { $name }!
reg-restart = Được, chúng ta nhập lại từ đầu.
reg-already = Bạn đã đăng ký rồi. Dùng /profile để xem hoặc sửa thông tin.

position-bi_thu = Bí thư chi bộ
position-pho_bi_thu = Phó bí thư
position-chi_uy_vien = Chi uỷ viên
position-dang_uy_vien = Đảng uỷ viên
position-khac = Khác

profile-title = <b>Hồ sơ của bạn</b>
profile-body =
    • Họ tên: { $name }
    • Đơn vị: { $unit }
    • Chức vụ: { $position }
    • Ngôn ngữ: { $language }
profile-not-registered = Bạn chưa đăng ký thông tin học viên. Bấm nút bên dưới hoặc gõ /register để bắt đầu.
profile-edit = ✏️ Sửa hồ sơ
language-name-vi = Tiếng Việt
language-name-en = English

choice-invalid = Mời bạn chọn một trong các nút bên dưới.
cancel-done = Đã dừng. Những gì đã lưu vẫn được giữ nguyên. Gõ /help để xem các lệnh.
cancel-nothing = Hiện không có bước nào đang làm. Gõ /help để xem các lệnh.
scene-command-hint = Bạn đang ở giữa một bước nhập liệu. Hãy trả lời câu hỏi ở trên, hoặc gõ /cancel để dừng.

unknown-command = Tôi không biết lệnh { $command }. Gõ /help để xem các lệnh bạn dùng được.
unknown-message = Tôi chưa hiểu tin nhắn này. Gõ /help để xem tôi có thể giúp gì.
unknown-callback = Nút này đã cũ hoặc không còn dùng được. Gõ /help để xem các lệnh.
not-allowed = Xin lỗi, chức năng này chỉ dành cho { $role }. Nếu bạn nghĩ đây là nhầm lẫn, hãy liên hệ cán bộ quản lý lớp.
error-generic = Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Mời bạn thử lại sau ít phút; nếu vẫn lỗi, hãy báo cán bộ quản lý lớp.
error-busy = Hệ thống đang bận, mời bạn thử lại sau ít giây. Những gì bạn đã gửi trước đó vẫn được giữ.
error-busy-part = Hệ thống đang bận nên phần vừa gửi chưa được lưu, mời bạn gửi lại sau ít giây. Những gì bạn đã gửi trước đó vẫn được giữ.
