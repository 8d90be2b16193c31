# Bounds on what one person keeps in Redis: a scene's length and its lifetime.

# How to start again the step a scene was (by scene id).
scene-restart = { $scene ->
    [report] Mời bạn gõ /report để nộp lại từ đầu.
    [grade] Mời bạn mở lại bài từ /reports để chấm.
    [feedback] Mời bạn gõ /feedback để góp ý lại.
    [fb-note] Mời bạn gõ /feedback để góp ý lại.
    [question] Mời bạn gõ /question để gửi lại câu hỏi.
    [answer] Mời bạn bấm lại nút «Trả lời» dưới câu hỏi.
    [announce] Mời bạn gõ /announce để soạn lại thông báo.
    [newclass] Mời bạn gõ /newclass để tạo lại lớp.
    [class-edit] Mời bạn mở lại lớp từ /classes.
    [class-appoint] Mời bạn gõ /appoint để chỉ định lại.
    [class-join] Mời bạn mở lại đường dẫn vào lớp.
    [register] Mời bạn gõ /register để khai lại thông tin.
    [learner-import] Mời bạn gõ /import để gửi lại danh sách.
    [material] Mời bạn gõ /material để gửi lại tài liệu.
   *[other] Mời bạn gõ /help để xem cách bắt đầu lại.
}

scene-too-many-steps = Bước này đã nhận quá { $max } tin nhắn nên Trợ giảng dừng lại tại đây. Những gì đã được lưu trước đó vẫn còn nguyên; phần đang làm dở trong bước này chưa được lưu. { scene-restart }

scene-expired = Việc bạn đang làm dở lần trước đã hết hạn sau { $days } ngày không có tin nhắn nào, nên phần chưa gửi xong không còn được giữ. Những gì đã được lưu trước đó vẫn còn nguyên. { scene-restart }

callback-class-archived = Lớp này đã kết thúc và đã được lưu trữ (dữ liệu chi tiết không còn trong bot), nên nút này không dùng được nữa. Mời bạn hỏi trung tâm nếu cần kết quả của lớp.
