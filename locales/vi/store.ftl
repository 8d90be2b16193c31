# The store watch (src/server/store-watch.ts) and buttons whose record is gone (src/bot/capability.ts).

callback-record-gone = Mục này không còn nữa (đã được xoá hoặc đã hết hạn), nên nút này không dùng được. Gõ /help để xem các lệnh.
store-alarm-lost =
    ⚠️ Cảnh báo: kho dữ liệu của bot (Redis) đã mất dữ liệu cũ — dấu triển khai ghi từ { $since } không còn nữa.
    Có thể Redis đã khởi động lại mà không lưu dữ liệu, hoặc bot đang trỏ tới một Redis khác (REDIS_URL).
    Học viên có thể thấy mình «chưa vào lớp nào», các nút trong tin nhắn cũ sẽ báo «không còn nữa».
    Anh/chị vui lòng báo ngay cho người quản trị kỹ thuật để khôi phục bản sao lưu. Bot chỉ gửi cảnh báo này một lần.
store-alarm-volatile =
    ⚠️ Cảnh báo: Redis của bot đang chạy mà không lưu dữ liệu xuống đĩa (tắt cả RDB lẫn AOF).
    Nếu Redis khởi động lại, mọi lớp học, hồ sơ và bản thu hoạch sẽ mất.
    Anh/chị vui lòng báo người quản trị kỹ thuật bật «appendonly yes» (hoặc đặt ALLOW_VOLATILE_REDIS=1 nếu đây là chủ ý). Bot chỉ gửi cảnh báo này một lần.
