## Công cụ quản trị (npm run cli -- …): cán bộ trung tâm đọc các thông báo này
cli-usage =
    Cách dùng: npm run cli -- <lệnh> [--lang vi|en]
      class create --name <tên> --start <YYYY-MM-DD> [--days 4|5] [--venue <địa điểm>] [--centre <trung tâm>] [--followup-days <số ngày>] [--weekend-start keep|monday] [--past-start yes]
      class list
      class schedule <mã lớp>
      class export <mã lớp> [--format json|csv] [--evaluation <thư mục>] [--delimiter ";"]   (thư mục: ghi tệp đánh giá XLSX và CSV)
      learners import <mã lớp> <tệp.csv|.xlsx> [--by <mã Telegram>]   (các cột: họ tên, đơn vị, số điện thoại / tên Telegram nếu có;
                                               --by: người chuyển lời nhắc cho những ai chưa vào lớp)
      material add <tệp> (--centre <tên> | --class <mã lớp>) [--replace <mã tài liệu>]   (DOCX, PDF, ODT, Markdown)
      material list [--centre <tên>]
      material remove <mã tài liệu>
      store status                  (dấu triển khai, báo động mất dữ liệu, chế độ lưu của Redis)
      store ack                     (xoá báo động mất dữ liệu sau khi đã khôi phục bản sao lưu hoặc sửa REDIS_URL)
    Cần REDIS_URL (Redis của bot). Kết quả in ra dạng JSON; --lang en để đọc thông báo bằng tiếng Anh.
cli-prefix = trogiang cli: { $message }
cli-needs-redis =
    trogiang cli: cần REDIS_URL — công cụ làm việc trên Redis của bot, ví dụ
      REDIS_URL=redis://127.0.0.1:6379/0 npm run cli -- class list
cli-bad-lang = --lang phải là vi hoặc en (nhận được "{ $lang }")
cli-flag-needs-value = --{ $name } cần một giá trị
cli-unknown-option = không có tuỳ chọn --{ $name }
cli-needs-class-id = lệnh { $command } cần mã lớp
cli-no-class = không có lớp nào mã "{ $id }" (xem: class list)
cli-name-required = cần --name (ít nhất 3 ký tự)
cli-start-required = cần --start (YYYY-MM-DD)
cli-start-not-date = --start "{ $value }" không phải ngày (YYYY-MM-DD, ví dụ 2026-12-01)
cli-start-past = ngày khai giảng { $start } đã qua; nếu đúng là vậy (nhập lớp đã học), thêm --past-start yes
cli-start-weekend = ngày khai giảng { $start } là Thứ Bảy hoặc Chủ nhật; thêm --weekend-start keep để bắt đầu đúng ngày đó, hoặc --weekend-start monday để bắt đầu từ Thứ Hai sau đó
cli-days-invalid = --days phải là 4 hoặc 5 (nhận được "{ $value }")
cli-followup-invalid = --followup-days phải là số ngày nguyên từ 1 đến 730 (nhận được "{ $value }")
cli-unexpected-argument = thừa tham số "{ $value }"
cli-format-invalid = --format phải là json hoặc csv (nhận được "{ $value }")
cli-delimiter-invalid = --delimiter phải là , hoặc ; (nhận được "{ $value }")
cli-by-invalid = --by cần một mã người dùng Telegram (chữ số)
cli-unknown-command = không có lệnh "{ $command }"
cli-no-command = chưa có lệnh nào
cli-material-needs-file = lệnh material add cần một tệp
cli-no-file = không có tệp: { $file }
cli-material-needs-scope = lệnh material add cần --centre <tên> hoặc --class <mã lớp>
cli-no-material = không có tài liệu nào mã "{ $id }"
cli-material-too-big = { $file } lớn quá 20 MB, giới hạn tải xuống của bot
cli-material-needs-id = lệnh material remove cần mã tài liệu (xem: material list)
cli-material-scanned = { $file }: bản quét (ảnh), không có lớp chữ để đọc; dùng bản DOCX, PDF xuất từ Word/LibreOffice, hoặc chạy nhận dạng chữ (OCR) trước
cli-material-empty = { $file }: không có chữ nào để đọc
cli-material-unreadable = { $file }: không mở được (tệp hỏng hoặc có mật khẩu); hãy lưu lại tệp
cli-material-unsupported = { $file }: không phải tệp DOCX, PDF, ODT hoặc Markdown
