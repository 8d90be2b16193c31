# Cán bộ quản lý lớp bổ nhiệm, thôi bổ nhiệm cán bộ quản lý lớp khác.

cmd-appoint = Bổ nhiệm cán bộ quản lý lớp
cmd-unappoint = Thôi bổ nhiệm cán bộ quản lý lớp
appoint-usage = Gõ /appoint kèm @tên_người_dùng hoặc mã số Telegram của người cần bổ nhiệm, ví dụ: /appoint @nguyenvana. Người đó cần đã nhắn cho bot ít nhất một lần.
unappoint-usage = Gõ /unappoint kèm @tên_người_dùng hoặc mã số Telegram, ví dụ: /unappoint @nguyenvana.
appoint-not-found = Không tìm thấy { $who } trong danh sách người đã nhắn cho bot. Nhờ người đó mở bot và bấm Bắt đầu, rồi thử lại.
appoint-done = Đã bổ nhiệm { $name } làm cán bộ quản lý lớp.
appoint-already = { $name } đã là cán bộ quản lý lớp.
appoint-you = Bạn vừa được { $by } bổ nhiệm làm cán bộ quản lý lớp. Gõ /help để xem các lệnh mới.
unappoint-done = { $name } không còn là cán bộ quản lý lớp được bổ nhiệm trong bot.
unappoint-not = { $name } không phải cán bộ quản lý lớp được bổ nhiệm trong bot.
unappoint-config = { $name } là cán bộ quản lý lớp theo cấu hình (COORDINATOR_IDS); chỉ người quản trị máy chủ mới thay đổi được.
unappoint-self = Bạn không thể tự thôi bổ nhiệm chính mình; hãy nhờ một cán bộ quản lý lớp khác.
