# Sellers: businesses, shops, onboarding (core.business).

tax-system-osn = General tax system (OSN)
tax-system-usn_income = Simplified, income (USN 6%)
tax-system-usn_income_minus_expenses = Simplified, income minus expenses (USN 15%)
tax-system-ausn = Automated simplified (AUSN)
tax-system-eshn = Agricultural tax (ESHN)
tax-system-patent = Patent
tax-system-npd = Professional income tax (self-employed)

business-status-pending = under review
business-status-approved = approved
business-status-rejected = rejected

shop-status-draft = draft
shop-status-pending_approval = under review
shop-status-active = taking orders
shop-status-paused = paused
shop-status-rejected = rejected

weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

error-invalid_inn = That INN does not check out: a company has 10 digits, an entrepreneur or self-employed person 12, and the check digits must match. Please check the number.
error-tax_system_not_allowed = Patent and professional income tax are for entrepreneurs and the self-employed only (a 12-digit INN).
error-invalid_text = { $field ->
    [legal_name] The legal name
    [shop_name] The shop name
    [address] The address
    [description] The description
   *[other] The text
} must be { $minimum } to { $maximum } characters long.
error-invalid_business_phone = We could not read that phone number. Please write it like +7 912 345-67-89.
error-invalid_email = That does not look like an e-mail address. Please write it like name@example.com.
error-invalid_logo = A logo is a picture sent to the chat or an https:// link.
error-invalid_amount = { $field ->
    [min_order] The minimum order
    [delivery_fee] The delivery fee
   *[other] The amount
} is in roubles, from zero to { $maximum }.
error-invalid_assembly_time = Assembly time is { $minimum } to { $maximum } minutes.
error-invalid_timezone = We do not know that time zone. Please give it like Europe/Moscow.
error-invalid_rejection_reason = Please give a reason of { $minimum } to { $maximum } characters.
error-invalid_hours = We could not read the working hours. Write times like 09:00; closing at midnight is 00:00 or 24:00.
error-overlapping_hours = The hours on { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
} run into those of { $other_day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
}. Please fix the closing or opening time.
error-overlapping_breaks = The breaks on { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
} overlap.
error-break_outside_hours = The break { $start }–{ $end } on { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
} must lie within the opening hours { $opens }–{ $closes }.
error-business_not_found = Application not found.
error-shop_not_found = Shop not found.
error-inn_taken = A business with INN { $inn } already works with us or is waiting for review.
error-application_pending = You already have an application under review. We will tell you here when it is decided.
error-application_decided = This application has already been decided.
error-business_not_approved = The business's application has to be approved first.
error-shop_status_conflict = This cannot be done now: the shop { $status ->
    [draft] is still a draft
    [pending_approval] is under review
    [active] is already taking orders
    [paused] is paused
   *[rejected] was rejected
}.
