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
