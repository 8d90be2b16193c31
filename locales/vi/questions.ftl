# Câu hỏi gửi giảng viên, buổi thảo luận, hỏi đáp bổ sung.

cmd-question = Gửi câu hỏi cho giảng viên
cmd-questions = Câu hỏi của lớp cho buổi thảo luận

question-no-class = Bạn chưa ở trong lớp nào nên chưa gửi câu hỏi cho giảng viên được. Bạn vẫn có thể hỏi tôi về nội dung chương trình.
question-pick-class = Gửi câu hỏi tới giảng viên của lớp nào?
question-ask = Mời bạn gõ câu hỏi gửi giảng viên.
question-invalid = Câu hỏi cần từ 3 đến 1.500 ký tự. Mời bạn gõ lại.
question-confirm =
    Gửi câu hỏi này tới giảng viên lớp { $name }?
    <blockquote>{ $question }</blockquote>
question-send = 📨 Gửi
question-confirm-invalid = Câu hỏi ở trên chưa được gửi. Bấm «📨 Gửi» để gửi cho giảng viên, hoặc «✖️ Huỷ» nếu muốn hỏi điều khác, rồi gõ lại câu hỏi mới.
question-cancelled = Đã huỷ, câu hỏi chưa được gửi.
question-sent = ✅ Đã gửi câu hỏi tới giảng viên. Khi có trả lời, tôi sẽ báo bạn. Câu hỏi cũng có trong /questions để cả lớp cùng quan tâm.
question-saved-no-instructor = ✅ Đã lưu câu hỏi. Lớp chưa có giảng viên dùng bot, nên câu hỏi sẽ được giải đáp ở buổi thảo luận (xem /questions).
question-saved-not-delivered = ✅ Đã lưu câu hỏi, nhưng chưa gửi được tới giảng viên của lớp (Telegram chưa nhận). Câu hỏi có trong /questions và sẽ được giải đáp ở buổi thảo luận; bạn cũng có thể hỏi lại sau.
question-to-instructor =
    ❓ <b>Câu hỏi của { $name }</b> (lớp { $class }):
    <blockquote>{ $question }</blockquote>
    Trả lời bằng nút bên dưới, hoặc trả lời (reply) ngay tin nhắn này.
question-answer-button = ✍️ Trả lời
question-already-answered = Câu hỏi này đã được trả lời rồi.
question-gone = Câu hỏi này không còn trong hệ thống.

answer-ask =
    Câu hỏi:
    <blockquote>{ $question }</blockquote>
    Mời bạn gõ câu trả lời.
answer-invalid = Câu trả lời cần từ 1 đến 3.000 ký tự. Mời bạn gõ lại.
answer-sent = ✅ Đã gửi câu trả lời tới học viên.
answer-add-faq = ➕ Thêm vào Hỏi đáp
answer-not-delivered-blocked = ⚠️ Chưa gửi được câu trả lời: học viên đã chặn bot hoặc không còn dùng Telegram. Câu hỏi vẫn để mở; bạn có thể giải đáp ở buổi thảo luận rồi đánh dấu trong /questions.
answer-not-delivered-retry = ⚠️ Chưa gửi được câu trả lời tới học viên (Telegram chưa nhận, có thể do mạng). Câu hỏi vẫn để mở, câu trả lời bạn vừa gõ vẫn được giữ. Mời bạn bấm «Gửi lại».
answer-not-delivered-reply = ⚠️ Chưa gửi được câu trả lời tới học viên (Telegram chưa nhận, có thể do mạng). Câu hỏi vẫn để mở. Mời bạn trả lời lại tin nhắn câu hỏi sau ít phút.
answer-retry = 🔁 Gửi lại
answer-retry-later = Để sau
answer-left-open = Câu hỏi vẫn để mở. Khi cần, bạn bấm «✍️ Trả lời» dưới câu hỏi để trả lời lại.
question-being-answered = Một giảng viên khác đang gửi câu trả lời cho câu hỏi này. Nếu không gửi được, câu hỏi sẽ mở lại để bạn trả lời.
answer-to-learner =
    💬 <b>Giảng viên đã trả lời câu hỏi của bạn</b>
    <blockquote>{ $question }</blockquote>
    { $answer }
answer-in-class-to-learner =
    💬 Câu hỏi của bạn đã được giải đáp tại buổi thảo luận:
    <blockquote>{ $question }</blockquote>

faq-added = Đã thêm vào Hỏi đáp.
faq-already = Câu hỏi này đã có trong Hỏi đáp.
faq-needs-answer = Chỉ thêm được câu hỏi đã có câu trả lời bằng chữ.
faq-doc-title = Hỏi đáp từ giảng viên

questions-no-class = Bạn chưa ở trong lớp nào.
questions-title = <b>Câu hỏi chưa giải đáp — { $name }</b> ({ $n })
questions-none = Chưa có câu hỏi nào đang chờ. Gửi câu hỏi bằng /question.
questions-hint-learner = Bấm 👍 kèm số thứ tự để ủng hộ câu hỏi bạn cũng muốn được giải đáp (bấm lần nữa để bỏ).
questions-hint-teacher = Bấm ✅ kèm số thứ tự khi câu hỏi đã được giải đáp trên lớp; học viên sẽ được báo.
questions-voted = Đã ủng hộ câu hỏi.
questions-unvoted = Đã bỏ ủng hộ.
questions-marked = Đã đánh dấu là đã giải đáp.
question-no-class-alert = Bạn chưa ở trong lớp nào trên bot. Bạn có thể hỏi giảng viên trực tiếp trong buổi thảo luận, giải đáp, hoặc nhờ cán bộ quản lý lớp chuyển câu hỏi.

faq-added-class = ✅ Đã thêm vào Hỏi đáp của lớp { $name }: học viên lớp này hỏi bot về nội dung này sẽ nhận được câu trả lời ngay.
faq-scope-centre = 🏫 Cho cả trung tâm
faq-scope-all = 🌐 Cho mọi lớp
faq-remove = 🗑 Gỡ khỏi Hỏi đáp
faq-scope-done-centre = ✅ Mục Hỏi đáp này nay dành cho học viên mọi lớp của { $centre }.
faq-scope-done-all = ✅ Mục Hỏi đáp này nay dành cho học viên mọi lớp.
faq-removed = Đã gỡ khỏi Hỏi đáp.
faq-gone = Mục Hỏi đáp này không còn nữa.
faq-all-coordinator-only = Chỉ cán bộ quản lý lớp mới mở một mục Hỏi đáp cho mọi lớp.
