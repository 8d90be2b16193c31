# Imported (pre-registered) learners: who has joined the class in the bot, who has not.
roster-summary = 📋 Danh sách nhập sẵn: { $total } người — đã vào { $joined }, chưa vào { $waiting }
roster-title = <b>📋 Danh sách nhập sẵn — { $name }</b> ({ $total } người)
roster-waiting = <b>⏳ Chưa vào lớp ({ $n })</b>
roster-joined = <b>✅ Đã vào lớp ({ $n })</b>
roster-btn-view = 📋 Danh sách nhập sẵn
roster-btn-remind = 📨 Nhắc qua người nhập danh sách
roster-remind = 📨 Lớp «{ $name }»: { $n } người bạn đã nhập danh sách chưa vào lớp trên Trợ giảng:
roster-remind-link = Mời bạn chuyển cho họ đường link vào lớp: { $link }
roster-reminded = Đã nhắc { $importers } người nhập danh sách (về { $learners } học viên chưa vào).
roster-remind-failed = { $n } người nhập danh sách chưa mở trò chuyện với bot nên chưa nhắc được.
roster-remind-unknown = { $n } học viên không rõ người nhập — hãy xuất danh sách và gửi cho đơn vị của họ.
roster-btn-export = 📄 Danh sách chưa vào (gửi đơn vị)
roster-export-title = <b>Chưa vào lớp «{ $name }» ({ $n } người)</b> — chuyển danh sách này cho đơn vị của họ:
roster-col-name = Họ và tên
roster-col-unit = Đơn vị
roster-col-phone = Điện thoại
roster-col-username = Tên Telegram
