## Nhập danh sách học viên (tệp CSV hoặc Excel)
import-refused-windows_1258 = Tệp này không phải UTF-8: nó được lưu bằng bảng mã Windows-1258, nên họ tên có dấu sẽ bị hỏng. Mở tệp bằng Excel, chọn Tệp → Lưu thành → "CSV UTF-8 (phân cách bằng dấu phẩy) (*.csv)", hoặc gửi thẳng tệp .xlsx, rồi nhập lại.
import-refused-tcvn3 = Tệp này dùng bảng mã TCVN3 (ABC, phông .VnTime), nên họ tên có dấu sẽ bị hỏng. Chuyển sang Unicode bằng Unikey (Công cụ chuyển mã: TCVN3 (ABC) → Unicode), lưu thành "CSV UTF-8" hoặc .xlsx, rồi nhập lại.
import-refused-not_utf8 = Tệp này không phải văn bản UTF-8. Lưu lại thành "CSV UTF-8 (phân cách bằng dấu phẩy) (*.csv)" hoặc gửi tệp .xlsx, rồi nhập lại.
import-refused-xlsx_unreadable = Không đọc được tệp Excel này. Mở tệp và lưu lại dạng .xlsx (không phải .xls cũ), rồi nhập lại.
import-refused-empty = Tệp không có dòng nào.
import-problem-needs_name_and_unit = Dòng { $row }: cần có họ tên và đơn vị
import-problem-bad_extra = Dòng { $row }: "{ $value }" không phải số điện thoại, cũng không phải tên Telegram
import-none = Không tìm thấy học viên nào trong { $file }
import-cli-needs-file = Lệnh learners import cần một tệp CSV hoặc .xlsx
import-cli-no-file = Không có tệp: { $file }
cmd-import = Nhập danh sách học viên của một lớp (CSV hoặc Excel)
limp-no-classes = Chưa có lớp nào để nhập danh sách.
limp-pick-class = Nhập danh sách học viên cho lớp nào?
limp-pick-invalid = Xin chọn bằng các nút bên dưới.
limp-send = Gửi tệp danh sách học viên của lớp <b>{ $name }</b> (CSV UTF-8 hoặc .xlsx): họ tên, đơn vị, rồi số điện thoại hoặc tên Telegram nếu có. Gõ /cancel để thôi.
limp-send-file = Xin gửi tệp danh sách (CSV hoặc .xlsx) dưới dạng tệp đính kèm.
limp-too-big = Tệp lớn quá 20 MB, bot không tải được. Xin gửi tệp nhỏ hơn.
limp-preview = Tệp <b>{ $file }</b>: { $n } học viên sẽ được nhập vào lớp <b>{ $name }</b>:
limp-more = … và { $n } dòng nữa
limp-problems = Có { $n } dòng chưa nhập được:
limp-confirm =
    { $text }

    Nhập danh sách này?
limp-yes = ✅ Nhập
limp-no = ✖️ Thôi
limp-cancelled = Đã thôi, không nhập gì.
limp-done = ✅ Đã nhập { $n } học viên vào danh sách dự kiến của lớp <b>{ $name }</b>. Khi vào lớp, họ được nhận ra theo tên Telegram hoặc họ tên.
limp-failed = Không đọc lại được tệp; chưa nhập gì. Xin gửi lại tệp.
