# Hỏi đáp về nội dung chương trình.

qa-source = 📖 <b>{ $source }</b>
qa-footer = Kết quả { $n }/{ $total } trong tài liệu của lớp.
qa-medium-confidence = <i>Lưu ý: phần này do nhóm biên soạn tóm tắt; hãy đối chiếu với tài liệu chính thức của lớp.</i>
qa-more = ➡️ Kết quả khác ({ $n }/{ $total })
qa-ask-instructor = 🙋 Hỏi giảng viên
qa-ask-instructor-how = Bạn có thể hỏi giảng viên trực tiếp trong buổi thảo luận, giải đáp, hoặc nhờ cán bộ quản lý lớp chuyển câu hỏi.
qa-no-answer = 🤔 Tài liệu của lớp chưa có câu trả lời cho câu hỏi này. Tôi không muốn trả lời đoán.
qa-did-you-mean = Có phải bạn muốn hỏi về:
qa-no-answer-next = Bạn có thể hỏi lại bằng từ ngữ khác, hoặc bấm «Hỏi giảng viên».
qa-empty = Mời bạn gõ câu hỏi bằng chữ, ví dụ: «bản thu hoạch viết như thế nào?»
qa-ask-prompt = Mời bạn gõ câu hỏi về chương trình học (có dấu hay không dấu đều được), ví dụ: /ask chi bộ sinh hoạt mấy lần một tháng
qa-expired = Kết quả này đã cũ. Mời bạn gõ lại câu hỏi.
qa-long-question = <i>Câu hỏi khá dài; tôi tìm theo { $chars } ký tự đầu.</i>
qa-unavailable = Chức năng hỏi đáp đang tạm dừng. Mời bạn thử lại sau.

reload-done = Đã nạp lại tài liệu: { $docs } tệp, { $passages } đoạn, trong { $ms } ms.
reload-failed = Không nạp lại được: tài liệu có lỗi (bot vẫn dùng bản cũ).
    { $problems }

cmd-ask = Hỏi về nội dung chương trình
cmd-reload = Nạp lại tài liệu bài học
