cmd-material = Thêm tài liệu của trung tâm (DOCX, PDF, ODT)
cmd-materials = Danh sách tài liệu của trung tâm
material-cite = { $file } · { $path }
material-cite-page = { $file }, tr. { $page } · { $path }
material-send = 📎 Gửi tệp tài liệu (DOCX, PDF, ODT hoặc Markdown, tối đa 20 MB). Bot sẽ đọc và cho xem trước khi lưu.
material-send-file = Hãy gửi tệp dưới dạng tài liệu (📎 → Tệp), hoặc bấm «Huỷ».
material-cancel = Huỷ
material-cancelled = Đã huỷ, không lưu gì.
material-too-big = Tệp «{ $name }» lớn hơn 20 MB — Telegram không cho bot tải tệp lớn hơn. Hãy chia tệp thành nhiều phần hoặc nén ảnh trong tệp rồi gửi lại.
material-wrong-type = Bot chưa đọc được loại tệp «{ $name }». Hãy gửi DOCX, PDF, ODT hoặc Markdown (.md).
material-problem-scanned = Tệp «{ $name }» là bản quét (ảnh), không có lớp chữ nên bot không đọc được. Hãy gửi bản DOCX hoặc PDF xuất từ Word/LibreOffice, hoặc chạy nhận dạng chữ (OCR) trước rồi gửi lại.
material-problem-empty = Tệp «{ $name }» không có chữ nào để đọc.
material-problem-unreadable = Không mở được tệp «{ $name }» (tệp hỏng hoặc có mật khẩu). Hãy lưu lại tệp rồi gửi lại.
material-problem-unsupported = Bot chưa đọc được loại tệp «{ $name }». Hãy gửi DOCX, PDF, ODT hoặc Markdown (.md).
material-problem-no-headings = ⚠️ Không thấy đề mục nào trong «{ $name }»: các đoạn sẽ chỉ mang tên tài liệu. Nếu dùng kiểu «Heading 1, 2…» trong Word, câu trả lời sẽ chỉ rõ mục hơn.
material-pick-scope = Ai được đọc tài liệu này?
material-scope-centre = Cả trung tâm: { $centre }
material-scope-class = Lớp: { $name }
material-no-scope = Chưa có lớp nào. Hãy tạo lớp (/newclass) trước, rồi thêm tài liệu cho lớp hoặc trung tâm.
material-preview =
    <b>Xem trước</b>: { $name }
    Tên tài liệu: <b>{ $title }</b>
    Số đoạn tìm kiếm: { $passages }{ $pages ->
        [0] {""}
       *[other] {""} · { $pages } trang
    }
    Người đọc: { $scope }
material-preview-headings = Đề mục tìm thấy ({ $n }):
material-preview-more = … và { $n } đề mục nữa
material-confirm = ✅ Lưu tài liệu
material-confirm-or-cancel = Bấm «Lưu tài liệu» hoặc «Huỷ».
material-added = ✅ Đã thêm «{ $name }» ({ $passages } đoạn). Học viên tìm được ngay khi hỏi bot.
material-replaced = ✅ Đã thay «{ $name }» ({ $passages } đoạn); nội dung cũ không còn được tìm thấy.
material-replacing = Thay tệp «{ $name }»: gửi tệp mới, người đọc giữ như cũ.
material-gone = Tài liệu này không còn nữa.
material-none = Chưa có tài liệu nào của trung tâm. Dùng /material để thêm.
material-list-title = <b>Tài liệu của trung tâm</b> ({ $n } tệp)
material-list-item = { $n }. { $name } — <b>{ $title }</b>{ $pages ->
        [0] {""}
       *[other] , { $pages } trang
    }
    { $scope }
material-replace = 🔄 Thay { $n }
material-remove = 🗑 Xoá { $n }
material-remove-ask = Xoá «{ $name }»? Học viên sẽ không tìm thấy nội dung của tệp này nữa.
material-remove-yes = 🗑 Xoá hẳn
material-removed = Đã xoá «{ $name }».
reports-similar = ⚠️ giống { $percent }% một bản khác
similar-match = ⚠️ <b>Giống { $percent }% bản của { $name }</b> (lớp { $class }). Những câu trùng:
similar-pair =
    — Bản này: «{ $mine }»
      Bản kia: «{ $theirs }»
similar-none = 🔎 Không thấy bản nào trong trung tâm giống quá { $percent }% phần tự viết của bản này.
similar-quoted = 📚 { $percent }% nội dung là trích tài liệu học tập (không tính là chép bài của người khác).
similar-note = Bot chỉ so sánh để thầy cô tham khảo; việc đánh giá do giảng viên quyết định.
similar-not-comparable = 🔎 Bản này quá ít chữ tự viết để so sánh (ví dụ chỉ có ảnh chụp).
similar-pending = ⏳ Còn { $n } bản chưa đọc kịp để so sánh; mở lại sau ít phút để so sánh đủ.
cmd-similarity = Ngưỡng giống nhau để đánh dấu bản thu hoạch của trung tâm
similarity-usage = 🔎 Ngưỡng giống nhau: /reports đánh dấu bản thu hoạch giống một bản khác từ ngưỡng này trở lên. Đặt bằng <code>/similarity &lt;phần trăm&gt;</code> (từ { $min } đến { $max }), thêm tên trung tâm nếu có nhiều trung tâm.
similarity-line = • { $centre }: { $percent }%{ $kind ->
        [set] {""}
       *[other] {" "}(mặc định)
    }
similarity-no-centre = Chưa lớp nào ghi tên trung tâm, nên mọi lớp dùng ngưỡng mặc định { $percent }%. Tên trung tâm được ghi khi tạo lớp (<code>npm run cli -- class create … --centre …</code>).
similarity-invalid = Xin lỗi, ngưỡng phải là một số nguyên từ { $min } đến { $max } (ví dụ <code>/similarity 80</code>).
similarity-unknown-centre = Không thấy trung tâm này trong các lớp. Các trung tâm hiện có:
similarity-pick = Đặt ngưỡng { $percent }% cho trung tâm nào?
similarity-saved = ✅ Đã đặt ngưỡng giống nhau của { $centre }: { $percent }%. /reports sẽ đánh dấu bản giống từ { $percent }% trở lên.
