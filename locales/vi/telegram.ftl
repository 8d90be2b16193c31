## Hồ sơ của bot trên Telegram và khi bot được thêm vào nhóm
bot-short-description = Trợ giảng lớp bồi dưỡng công tác đảng cho bí thư chi bộ và cấp uỷ viên cơ sở: lịch học, hỏi đáp, điểm danh, thu hoạch.
bot-description = Trợ giảng đồng hành cùng học viên, giảng viên và cán bộ quản lý lớp bồi dưỡng công tác đảng cho bí thư chi bộ và cấp uỷ viên cơ sở: xem lịch học, nhận nhắc lịch, hỏi đáp về nội dung chương trình, điểm danh, nộp bản thu hoạch, đánh giá buổi học. Học viên vào lớp bằng đường link mời do nơi mở lớp gửi.
group-leave = Xin chào! Trợ giảng chỉ làm việc trong tin nhắn riêng với từng học viên, nên xin phép rời nhóm. Mời mọi người nhắn riêng cho @{ $bot }.
