# Bản thu hoạch: nộp bài, danh sách của giảng viên, chấm điểm.

cmd-report = Nộp bản thu hoạch
cmd-reports = Bản thu hoạch của lớp: xem, chấm

cw-pick-class = Bạn muốn xem lớp nào?
cw-not-your-class = Bạn không phụ trách lớp này, hoặc nút đã cũ.

grade-gioi = Giỏi
grade-kha = Khá
grade-trung_binh = Trung bình
grade-khong_dat = Không đạt

report-no-class = Bạn chưa ở trong lớp nào. Hãy vào lớp bằng đường link mời của cán bộ quản lý lớp, rồi nộp bản thu hoạch.
report-pick-class = Bạn nộp bản thu hoạch cho lớp nào?
report-intro = <b>Nộp bản thu hoạch</b> — lớp { $name }
report-deadline = ⏰ Hạn nộp: <b>{ $deadline }</b>
report-deadline-none = ⏰ Lớp chưa đặt hạn nộp.
report-resubmit = Bạn đã nộp { $versions } lần; lần này sẽ là một phiên bản mới (bản cũ vẫn được lưu).
report-at-limit = Bạn đã có { $versions } phiên bản; mỗi bản thu hoạch chỉ giữ đầy đủ { $kept } phiên bản gần nhất. Nếu nộp thêm, phiên bản { $oldest } sẽ chỉ còn bản tóm tắt (số phiên bản, thời gian, dung lượng, điểm nếu có), nội dung của nó không còn lưu.
report-how =
    Bản thu hoạch trình bày những điều bạn thu nhận được qua khoá học và liên hệ với công việc của chi bộ, đơn vị mình: nội dung tâm đắc, những việc sẽ vận dụng, kiến nghị, đề xuất.
    Bạn có thể gửi:
    • chữ — một hoặc nhiều tin nhắn;
    • tệp PDF, DOC, DOCX hoặc ODT (tối đa 20 MB);
    • ảnh chụp các trang viết tay (nhiều ảnh).
    Gửi xong, bấm <b>«✅ Xong»</b> để xem lại trước khi nộp.
report-done = ✅ Xong
report-cancel = ✖️ Huỷ
report-cancelled = Đã huỷ. Chưa có gì được nộp.
report-empty = Bạn chưa gửi nội dung nào. Mời bạn gửi chữ, tệp hoặc ảnh trước.
report-use-buttons = Mời bạn dùng các nút của bước hiện tại.
report-received = Đã nhận phần { $n }. Gửi tiếp, hoặc bấm «✅ Xong».
report-question-check = Tin nhắn «{ $text }» có vẻ là câu hỏi hoặc lời nhắn cho tôi. Có thêm tin này vào bản thu hoạch không?
report-question-add = 📝 Là một phần của bài
report-question-skip = ❓ Không, đó là lời nhắn cho bot
report-question-skipped = Tôi không thêm tin đó vào bài (bài đang có { $n } phần). Bạn cứ gửi tiếp bài; nộp xong rồi hỏi lại, hoặc gửi câu hỏi cho giảng viên qua /question.
report-kept = (Các phần đã gửi trước đó vẫn được giữ: { $n } phần.)
report-part-repeat = Phần này bạn đã gửi rồi nên tôi không thêm lần nữa. Bản thu hoạch đang có { $n } phần.
report-empty-text = Tin nhắn trống. Mời bạn gửi nội dung.
report-text-too-long = Phần vừa gửi chưa được nhận: phần chữ của cả bản thu hoạch tối đa { $max } ký tự. Phần dài hơn nên gửi thành tệp (PDF, DOC, DOCX, ODT).
report-part-too-long = Phần vừa gửi dài quá { $max } ký tự nên chưa được nhận. Mời bạn chia thành nhiều tin ngắn hơn, hoặc gửi cả bài thành tệp (PDF, DOC, DOCX, ODT).
report-file-unread = Tôi chưa tải được tệp «{ $name }» để kiểm tra. Mời bạn gửi lại tệp này.
report-too-many = Bản thu hoạch có tối đa { $max } phần. Mời bạn bấm «✅ Xong».
report-file-type = Tệp «{ $name }» không nhận được: chỉ nhận PDF, DOC, DOCX hoặc ODT (đúng đuôi tệp và đúng định dạng). Bạn có thể gửi lại tệp khác hoặc chụp ảnh các trang.
report-file-too-big = { $name } lớn hơn 20 MB — giới hạn của Telegram cho bot. Mời bạn nén tệp, chia nhỏ, hoặc chụp ảnh từng trang.
report-photo = Ảnh
report-unsupported = Loại tin nhắn này không dùng được cho bản thu hoạch. Mời bạn gửi chữ, tệp (PDF, DOC, DOCX, ODT) hoặc ảnh.
report-preview-title = <b>Xem lại bản thu hoạch</b> — lớp { $name }
report-summary-text = • Chữ: { $messages } tin nhắn, { $chars } ký tự
report-summary-doc = • Tệp: { $name }
report-summary-photos = • Ảnh: { $n }
report-preview =
    { $body }

    Nộp bản này?
report-confirm-send = 📨 Nộp
report-confirm-more = ➕ Gửi thêm
report-confirm-restart = 🗑 Làm lại
report-restarted = Đã xoá bản nháp. Mời bạn gửi lại nội dung, xong bấm «✅ Xong».
report-send-more = Mời bạn gửi thêm, xong bấm «✅ Xong».
report-receipt =
    ✅ <b>Đã nhận bản thu hoạch</b>
    • Lớp: { $name }
    • Thời gian: { $time }
    • Phiên bản: { $version }
report-receipt-late = ⚠️ Bản này nộp sau hạn nên được ghi là <b>nộp muộn</b>.
report-new-to-instructor = 📝 <b>{ $name }</b> vừa nộp bản thu hoạch (lần { $version }) — lớp { $class }.{ $late }
report-new-late = { " " }⚠️ Nộp muộn.
report-open-button = 📄 Mở bài

reports-no-class = Bạn chưa phụ trách lớp nào.
reports-title = <b>Bản thu hoạch — { $name }</b>
reports-counts = Đã nộp { $submitted }/{ $total } · đã chấm { $graded } · chưa nộp { $missing }
reports-submitted = <b>Đã nộp</b>
reports-missing = <b>Chưa nộp</b>
reports-version = lần { $n }
reports-late = ⚠️ nộp muộn
reports-ungraded = chưa chấm
reports-none-yet = Học viên này chưa nộp bản thu hoạch.
reports-open-title = <b>Bản thu hoạch của { $name }</b> ({ $unit })
reports-open-version = Phiên bản { $version }/{ $total }, nộp lúc { $time }
reports-version-dropped = Phiên bản này chỉ còn bản tóm tắt: { $parts } phần, khoảng { $kb } KB. Nội dung không còn lưu (mỗi bản thu hoạch giữ đầy đủ { $kept } phiên bản gần nhất).
reports-history = <b>Lịch sử chấm</b>
reports-grade-prompt = Chấm phiên bản { $version }:
reports-regrade-prompt = Chấm lại phiên bản { $version } (điểm cũ vẫn được lưu trong lịch sử):
reports-new-ungraded = 🆕 bản mới, chưa chấm ({ $grade } là của lần { $version })
reports-version-graded = Phiên bản này đã chấm: <b>{ $grade }</b>
reports-version-ungraded = Phiên bản này chưa chấm.
reports-open-new-ungraded = 🆕 Có phiên bản mới ({ $version }) chưa chấm; điểm hiện có là của phiên bản { $graded }.
reports-open-other = 📄 Lần { $version }

grade-ask-comment = Xếp loại <b>{ $grade }</b> cho { $name }. Mời bạn gõ nhận xét gửi học viên, hoặc bấm «Không nhận xét».
grade-no-comment = Không nhận xét
grade-comment-text = Mời bạn gõ nhận xét bằng chữ, hoặc bấm «Không nhận xét».
grade-comment-too-long = Nhận xét tối đa { $max } ký tự. Mời bạn rút gọn.
grade-cancelled = Đã huỷ, chưa chấm.
grade-saved = ✅ Đã lưu: { $name } — { $grade }. Học viên đã được báo.
grade-saved-not-told = ✅ Đã lưu: { $name } — { $grade }. Chưa báo được cho học viên (họ chưa mở hoặc đã chặn bot).
grade-saved-not-delivered = ✅ Đã lưu: { $name } — { $grade }. Chưa gửi được thông báo cho học viên (Telegram chưa nhận, có thể do mạng); học viên vẫn xem được xếp loại khi mở /report.
grade-learner = 📝 Bản thu hoạch của bạn (lớp { $name }, phiên bản { $version }) được xếp loại: <b>{ $grade }</b>.
grade-learner-regraded = 📝 Bản thu hoạch của bạn (lớp { $name }, phiên bản { $version }) được chấm lại: <b>{ $grade }</b>.
grade-learner-comment = Nhận xét của giảng viên: { $comment }

cmd-deadline = Đặt hạn nộp bản thu hoạch của lớp
deadline-usage = Đặt hạn nộp thu hoạch: <code>/deadline mã-lớp ngày/tháng/năm [giờ:phút]</code>, ví dụ <code>/deadline c1 10/12/2026 17:00</code> (không ghi giờ thì là 23:59).
deadline-line = • { $id } { $name }: { $deadline } ({ $kind })
deadline-set = do cán bộ quản lý lớp đặt
deadline-default = mặc định: hết ngày hôm sau buổi viết thu hoạch
deadline-invalid = Ngày hoặc giờ chưa đúng. Ví dụ: <code>/deadline c1 10/12/2026 17:00</code>
deadline-notice = 📅 Hạn nộp bản thu hoạch của lớp «{ $name }» đã đổi: nay là <b>{ $deadline }</b>{ $before ->
    [none] {""}
   *[other] {" "}(trước đây: { $before })
}.
deadline-notified = Đã báo { $count } học viên.
deadline-saved = ✅ Đã đặt hạn nộp thu hoạch:
    { $line }
report-current-grade = Xếp loại hiện tại: <b>{ $grade }</b> (phiên bản { $version }). Nếu nộp bản mới, giảng viên sẽ chấm lại.
report-latest-ungraded = Phiên bản { $version } của bạn chưa được chấm.
cmd-versions = Số phiên bản bản thu hoạch được giữ đầy đủ của trung tâm
versions-usage = 🗂 Số phiên bản giữ đầy đủ: mỗi học viên, mỗi lớp giữ nguyên vẹn chừng ấy phiên bản bản thu hoạch gần nhất; phiên bản cũ hơn chỉ còn bản tóm tắt (số phiên bản, thời gian, dung lượng, điểm). Đặt bằng <code>/versions &lt;số&gt;</code> (từ { $min } đến { $max }), thêm tên trung tâm nếu có nhiều trung tâm.
versions-line = • { $centre }: { $kept } phiên bản{ $kind ->
        [set] {""}
       *[other] {" "}(mặc định)
    }
versions-no-centre = Chưa lớp nào ghi tên trung tâm, nên mọi lớp giữ đầy đủ { $kept } phiên bản gần nhất (mặc định). Tên trung tâm được ghi khi tạo lớp (<code>npm run cli -- class create … --centre …</code>).
versions-invalid = Xin lỗi, số phiên bản phải là một số nguyên từ { $min } đến { $max } (ví dụ <code>/versions 5</code>).
versions-unknown-centre = Không thấy trung tâm này trong các lớp. Các trung tâm hiện có:
versions-name-centre = Có nhiều trung tâm: mời bạn ghi thêm tên trung tâm sau con số (ví dụ <code>/versions 5 Tên trung tâm</code>). Các trung tâm hiện có:
versions-saved = ✅ Đã đặt cho { $centre }: mỗi bản thu hoạch giữ đầy đủ { $kept } phiên bản gần nhất. Phiên bản cũ hơn sẽ chỉ còn bản tóm tắt khi học viên nộp bản mới.
report-steps-preview = Bước nộp bài này đã nhận rất nhiều tin nhắn, nên Trợ giảng chuyển sang phần xem lại để bạn gửi những phần đã có. Nếu còn thiếu, sau khi gửi bạn có thể nộp lại bản đầy đủ bằng /report.
