# Customer bot: onboarding, addresses, profile and settings, the person's data.
# Keys start with "customer-" (errors with "error-"): every bot's files share one namespace.

## Buttons shared by the forms

customer-btn-skip = Skip
customer-btn-cancel = Cancel
customer-btn-clear = Clear
customer-btn-back = « Back
customer-btn-share-location = 📍 Send my location
customer-btn-share-phone = 📱 Share my number

## Dialogs: cancel and resume

customer-cancel-done = Fine, cancelled. /start to begin again, /settings for your settings.
customer-cancel-nothing = There is nothing to cancel right now.
customer-resume-prompt = We have an unfinished conversation. Shall we continue where we left off, or start over?
customer-btn-continue = Continue
customer-btn-start-over = Start over
customer-resume-continuing = Let's continue.
customer-resume-restarting = Starting over.
customer-dialog-expired = This conversation is already over.

## Onboarding

customer-onboarding-language-set = Language: { $language ->
        [ru] Русский
       *[en] English
    } ✓
customer-onboarding-choose-language = First choose a language with the buttons under the greeting.
customer-onboarding-done =
    All set, you can order now! 🍎
    Change addresses, phone and language in /settings.
customer-phone-ask =
    Would you like to leave your phone number? The courier will call if they cannot find you.
    You can skip this — we will ask at your first order.
customer-phone-expected = Press "Share my number" below or "Skip". We only take your own contact from Telegram, not a typed number.
customer-phone-saved = Number { $phone } saved.
customer-phone-removed = Number removed.
customer-phone-unchanged = Your number is unchanged.

## The address form

customer-address-ask-place =
    Where should we deliver?
    Send your location with the button below or type the address: city, street, house.
customer-address-ask-text = Type the street and house number — it helps the courier. Or "Skip".
customer-address-ask-entrance = Entrance? Or "Skip".
customer-address-ask-floor = Floor? As a number, e.g. 5. Or "Skip".
customer-address-ask-apartment = Apartment or office? Or "Skip".
customer-address-ask-comment = A note for the courier: door code, how to find you. Or "Skip".
customer-address-ask-label = What should we call this address?
customer-address-place-expected = Send your location with the button below or type the address.
customer-address-label-expected = Choose one of the buttons below or press "Skip".
customer-address-saved = Address saved.
customer-address-updated = Address updated.
customer-address-not-covered = ⚠️ No shop delivers to this address yet. It is saved — you can order as soon as a shop nearby joins.

## How an address reads

customer-address-label-home = 🏠 Home
customer-address-label-work = 💼 Work
customer-address-label-other = 📌 Other
customer-address-point = 📍 { $lat }, { $lon }
customer-address-entrance = entrance { $value }
customer-address-floor = floor { $value }
customer-address-apartment = apt./office { $value }
customer-address-comment = 💬 { $value }
customer-address-default = ★ Default address

## Settings

customer-settings-title = <b>Settings</b>
customer-settings-profile = 👤 Profile
customer-settings-language = 🌐 Language
customer-settings-addresses = 🏠 Addresses
customer-settings-export = 📦 Export my data
customer-settings-delete = 🗑 Delete my account

customer-profile-title = <b>Profile</b>
customer-profile-name = Name: { $name }
customer-profile-phone = Phone: { $phone }
customer-profile-no-phone = Phone: not given
customer-profile-language = Language: { $language ->
        [ru] Русский
       *[en] English
    }
customer-profile-addresses = Saved addresses: { $count }
customer-btn-phone-share = 📱 Add my number
customer-btn-phone-change = 📱 Change my number
customer-btn-phone-remove = Remove my number

customer-addresses-title = <b>Your addresses</b> ({ $count } of { $limit })
customer-addresses-hint = Tap an address to change it. ★ marks the default.
customer-addresses-empty = No saved addresses yet.
customer-btn-address-add = ➕ Add an address
customer-btn-address-default = ★ Make default
customer-btn-address-edit = ✏️ Edit
customer-btn-address-delete = 🗑 Delete
customer-btn-addresses = « To addresses
customer-address-delete-confirm = Delete this address?
customer-btn-address-delete-yes = Yes, delete
customer-btn-no = No
customer-address-deleted = Address deleted.
customer-address-edit-choose = What would you like to change?
customer-address-field-text = Street and house
customer-address-field-location = Location
customer-address-field-entrance = Entrance
customer-address-field-floor = Floor
customer-address-field-apartment = Apartment
customer-address-field-comment = Note
customer-address-field-label = Name
customer-address-edit-text = Type the street and house. "Clear" removes the text (the map point stays).
customer-address-edit-location = Send the new location with the button below. "Clear" removes the point (the typed address stays).
customer-address-edit-entrance = Type the entrance or press "Clear".
customer-address-edit-floor = Type the floor as a number or press "Clear".
customer-address-edit-apartment = Type the apartment or office, or press "Clear".
customer-address-edit-comment = Type a note for the courier or press "Clear".
customer-address-edit-label = Choose a name with the buttons below or press "Clear".

customer-export-caption = Everything FruktGo keeps about you, in one file (JSON).
customer-account-delete-warning =
    <b>Delete your account?</b>
    We will erase your phone, addresses and name. Orders are kept only in anonymised form. This cannot be undone.
customer-btn-account-delete-continue = Yes, continue
customer-btn-account-keep = No, keep it
customer-account-delete-final = Really delete? This is the last step.
customer-btn-account-delete-final = Delete for good
customer-account-deleted = Your account has been deleted. If you want to come back, press /start.

## Errors of the customers module

error-customer_not_found = We could not recognise you. Press /start and try again.
error-address_not_found = This address was not found — it may have been deleted already.
error-address_limit_reached = You can save up to { $limit } addresses. Delete one you no longer need in /settings.
error-address_needs_place = We need a location or a typed address — otherwise the courier cannot find you.
error-location_out_of_range = There is no such point on the map: latitude is from −90 to 90, longitude from −180 to 180.
error-address_text_too_short = Too short: please type at least { $min } characters.
error-address_text_too_long = The address is too long: at most { $max } characters.
error-entrance_too_long = Too long for an entrance: at most { $max } characters.
error-apartment_too_long = Too long for an apartment: at most { $max } characters.
error-comment_too_long = The note is too long: at most { $max } characters.
error-floor_not_a_number = Please type the floor as a number, e.g. 5 or -1.
error-floor_out_of_range = The floor must be between { $min } and { $max }.
error-invalid_phone = We could not read that phone number.
error-foreign_contact = That is someone else's contact. Press "Share my number" to send your own.
