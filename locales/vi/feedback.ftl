# Góp ý, đánh giá buổi học, thu hoạch sau tham quan, khảo sát sau khoá.

cmd-feedback = Góp ý cho lớp (có thể ẩn danh)
cmd-feedbacks = Đọc góp ý của học viên

fb-no-class = Bạn chưa ở trong lớp nào nên chưa gửi góp ý được.
fb-pick-class = Bạn góp ý cho lớp nào?
fb-ask-topic = Bạn muốn góp ý về điều gì?
fb-topic-discussion = 💬 Buổi thảo luận, giải đáp
fb-topic-class = 🏫 Lớp học nói chung
fb-topic-suggestion = 💡 Đề xuất, kiến nghị
fb-ask-text = { $topic }: mời bạn viết góp ý.
fb-text-invalid = Góp ý cần từ 2 đến 3.000 ký tự chữ. Mời bạn viết lại.
fb-ask-anonymous = Gửi kèm tên bạn hay ẩn danh? Nếu ẩn danh, bot chỉ lưu nội dung, chủ đề và ngày gửi (không lưu giờ, tên hay mã Telegram của bạn); giảng viên và cán bộ quản lý lớp chỉ thấy chừng ấy.
fb-anonymous-promise = 🕶 Ẩn danh: chỉ lưu nội dung, chủ đề và ngày gửi — không lưu giờ, tên hay mã Telegram của bạn; góp ý ẩn danh được xếp riêng, theo thứ tự chữ cái.
fb-named = 👤 Kèm tên tôi
fb-anonymous = 🕶 Ẩn danh
fb-saved = ✅ Cảm ơn bạn! Góp ý đã được gửi tới lớp.
fb-saved-anonymous = ✅ Cảm ơn bạn! Góp ý đã được gửi <b>ẩn danh</b>: không ai thấy tên bạn.

fb-rate-prompt = Buổi học vừa kết thúc: <b>{ $session }</b> (lớp { $name }). Bạn chấm buổi học này mấy sao?
fb-rated = Cảm ơn bạn! Bạn chấm { $stars } ({ $n }/5). Bạn có thể thêm nhận xét nếu muốn.
fb-rate-many = Mời bạn chấm sao các buổi học vừa qua của lớp «{ $name }» (mỗi hàng sao là một buổi, theo số thứ tự):
fb-rated-thanks = Đã ghi nhận.
fb-rated-already = Bạn đã chấm buổi này rồi ({ $stars }/5). Mỗi buổi chấm một lần.
fb-add-comment = 💬 Thêm nhận xét
fb-rate-first = Mời bạn chấm sao trước.
fb-reflect-prompt = Bạn vừa tham quan: <b>{ $session }</b>. Mời bạn viết vài dòng thu hoạch: bạn đã thấy gì, và có thể vận dụng gì cho chi bộ của mình?
fb-reflect-button = ✍️ Viết thu hoạch
fu-prompt = Đã một thời gian kể từ lớp <b>{ $name }</b>. Bạn đã vận dụng những điều học được vào công tác của chi bộ đến đâu?
fu-applied-much = 👍 Vận dụng nhiều
fu-applied-some = 👌 Vận dụng một phần
fu-applied-not_yet = ⏳ Chưa vận dụng
fb-skip = Bỏ qua
fb-note-prompt-rating = Mời bạn viết nhận xét về buổi học.
fb-note-prompt-reflection = Mời bạn viết thu hoạch: bạn đã thấy gì, và có thể vận dụng gì cho chi bộ của mình?
fb-note-prompt-followup = Cảm ơn bạn! Bạn có thể kể thêm một việc cụ thể đã làm (hoặc khó khăn gặp phải), hoặc bấm «Bỏ qua».
fb-note-saved = ✅ Đã ghi nhận. Cảm ơn bạn!
fb-note-cancelled = Đã huỷ.

fbl-title = <b>Góp ý của học viên — { $name }</b>
fbl-ratings = <b>Đánh giá các buổi học</b>
fbl-rating-line = • { $session }: { $avg }/5 ({ $n } lượt)
fbl-no-notes = Chưa có góp ý nào.
fbl-note-head = <b>{ $topic }</b> · { $author } · { $time }
