# Bot core: greeting, help, language, registration, generic errors.

welcome =
    Hello { $name }! I am <b>Trợ giảng</b>, the assistant of the party-work training course for cell secretaries and grassroots committee members.
    I help you follow the schedule, ask about the course material, check in, submit your written report and give feedback.
welcome-register-hint = To begin, please register as a learner (full name, unit, position).
welcome-back = Welcome back, { $name }. Pick an item from the menu below or type /help.
group-only-private = Please message me privately (tap the bot's name, then «Message») to use the class features.

menu-profile = 👤 Profile
menu-help = ℹ️ Help
menu-language = 🌐 Language
menu-register = ✍️ Register
menu-placeholder = Pick an item or type a question…

help-title = <b>Commands you can use</b> (role: { $role })
help-footer = Type /cancel to leave any step that asks for input.
role-learner = learner
role-instructor = instructor
role-coordinator = coordinator

cmd-start = Start, main menu
cmd-help = List of commands
cmd-language = Change language
cmd-profile = See and edit your profile
cmd-register = Register as a learner
cmd-cancel = Leave the current step

language-choose = Choose the display language:
language-set = Switched to English.
language-unknown = That language is not supported yet. Please pick one of the buttons below.

reg-intro = <b>Learner registration</b> — 3 steps. Type /cancel at any time to stop; what you typed is kept if you come back later.
reg-ask-name = Step 1/3. Please type your <b>full name</b> (for example: Nguyễn Văn An).
reg-name-invalid = The name must be 2 to 100 characters of letters, spaces, dots or hyphens. Please type it again.
reg-ask-unit = Step 2/3. Which <b>party cell / unit</b> do you belong to? (for example: Chi bộ thôn Đông)
reg-unit-invalid = The unit name must be 2 to 150 characters. Please type it again.
reg-ask-position = Step 3/3. What is your <b>position</b> in the party committee?
reg-position-invalid = Please choose your position with one of the buttons below.
reg-text-expected = At this step I need a text message. Please type it again, or /cancel to stop.
reg-confirm =
    Please check:
    • Full name: <b>{ $name }</b>
    • Unit: <b>{ $unit }</b>
    • Position: <b>{ $position }</b>
reg-confirm-yes = ✅ Correct, save
reg-confirm-edit = ✏️ Start over
reg-saved = Your profile is saved. Thank you, { $name }!
reg-restart = All right, let us start over.
reg-already = You are already registered. Use /profile to see or edit your details.

position-bi_thu = Cell secretary
position-pho_bi_thu = Deputy secretary
position-chi_uy_vien = Cell committee member
position-dang_uy_vien = Party committee member
position-khac = Other

profile-title = <b>Your profile</b>
profile-body =
    • Full name: { $name }
    • Unit: { $unit }
    • Position: { $position }
    • Language: { $language }
profile-not-registered = You have not registered yet. Tap the button below or type /register to begin.
profile-edit = ✏️ Edit profile
language-name-vi = Tiếng Việt
language-name-en = English

choice-invalid = Please pick one of the buttons below.
cancel-done = Stopped. What was already saved is kept. Type /help to see the commands.
cancel-nothing = Nothing is in progress. Type /help to see the commands.
scene-command-hint = You are in the middle of a step. Answer the question above, or type /cancel to stop.

unknown-command = I do not know the command { $command }. Type /help to see the commands you can use.
unknown-message = I did not understand this message. Type /help to see what I can do.
unknown-callback = This button is outdated or no longer works. Type /help to see the commands.
not-allowed = Sorry, this is only for { $role }s. If you think this is a mistake, contact the class coordinator.
error-generic = Sorry, something went wrong while handling your request. Please try again in a few minutes; if it keeps failing, tell the class coordinator.
error-busy = The system is busy, please try again in a few seconds. What you sent before is kept.
error-busy-part = The system is busy, so the part you just sent was not saved: please send it again in a few seconds. What you sent before is kept.
