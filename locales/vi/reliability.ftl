# Độ tin cậy: giới hạn tần suất tin nhắn.

reliability-rate-limited = Bạn gửi hơi nhanh, tôi chưa kịp xử lý hết. Xin chờ khoảng { $seconds } giây rồi gửi lại nhé.
