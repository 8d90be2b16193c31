# The reply keyboard: each role's main actions (short, for phones).
menu-checkin = ✅ Điểm danh
menu-report = 📝 Nộp thu hoạch
menu-question = ❓ Hỏi giảng viên
menu-standing = 📊 Kết quả học tập
menu-announce = 📣 Thông báo
menu-reports = 📚 Bài thu hoạch
menu-attendance = 📋 Điểm danh lớp
menu-classes = 🏫 Lớp học
menu-evaluation = 📈 Đánh giá lớp

# A reply-keyboard button tapped in the middle of a scene: never taken as an answer.
scene-menu-paused = «{ $label }» là nút menu, không phải câu trả lời — bạn đang làm dở một bước, chưa mất gì. Tiếp tục trả lời ở trên, hoặc dừng để dùng nút đó.
scene-menu-continue = ▶️ Tiếp tục
scene-menu-stop = ⏹ Dừng
scene-menu-continued = Mời bạn tiếp tục trả lời câu hỏi ở trên.
scene-menu-stopped = Đã dừng bước đang làm (phần chưa gửi không được lưu). Bấm lại nút bạn cần trên bàn phím.
