# Mini App pages of the seller's catalog: the list, a product, the price list, stock history;
# and the seller bot's way in (/products). Page texts start with page-catalog-.

# -- shared ---------------------------------------------------------------------------------

page-catalog-choose-shop = Choose a shop
page-catalog-no-shops = You have no shop yet. Apply in the seller bot: /apply.
page-catalog-unit-kg = kg
page-catalog-unit-piece = pcs
page-catalog-more = Show more
page-catalog-back = Back to products
page-catalog-search = Search by name
page-catalog-category = Category
page-catalog-price = Price
page-catalog-stock = Stock
page-catalog-visibility = Visibility
page-catalog-visible-shown = shown to customers
page-catalog-visible-hidden = hidden
page-catalog-price-unreadable = Write the price in roubles in digits, e.g. 89 or 89.90.
page-catalog-stock-unreadable-piece = Stock is a whole number of pieces, e.g. 12.
page-catalog-stock-unreadable-kg = Stock is in kilograms, down to grams, e.g. 12 or 2.5.

# -- /app/seller/catalog --------------------------------------------------------------------

page-catalog-title = Shop products
page-catalog-add = Add a product
page-catalog-import-link = CSV price list
page-catalog-all-categories = All categories
page-catalog-visible-all = Shown and hidden
page-catalog-stock-all = Any stock
page-catalog-stock-low = Running low
page-catalog-stock-out = Out of stock
page-catalog-stock-in = In stock
page-catalog-picker-note = You are a picker: you can change stock; owners and managers set prices and products.
page-catalog-empty = Nothing found. Change the search or the filters, or add a product.
page-catalog-badge-hidden = hidden
page-catalog-badge-sale = sale
page-catalog-badge-low = low
page-catalog-badge-out = out of stock
page-catalog-available = Free:
page-catalog-tap-to-edit = Tap to change
page-catalog-hide = Hide
page-catalog-show = Show
page-catalog-edit = Edit
page-catalog-history = Stock history

# -- /app/seller/catalog/product ------------------------------------------------------------

page-catalog-product-title = New product
page-catalog-product-edit-title = Product
page-catalog-product-how = How to add the product
page-catalog-product-from-catalog = From the FruktGo catalog
page-catalog-product-own = My own product
page-catalog-product-pick = Find the product in the catalog
page-catalog-product-none-found = The catalog has no such product, or your shop already offers it. You can add your own product.
page-catalog-product-change = Choose another
page-catalog-product-pick-first = Choose a product from the catalog first.
page-catalog-product-about = About the product
page-catalog-product-platform-note = This product is from the FruktGo catalog: its name, photos and description are shared. You set its price, stock and visibility.
page-catalog-category-choose = Choose a category
page-catalog-category-required = Choose a category.
page-catalog-name-ru = Name in Russian
page-catalog-name-en = Name in English
page-catalog-name-required = Write the name.
page-catalog-description-ru = Description in Russian
page-catalog-description-en = Description in English
page-catalog-unit = Sold
page-catalog-unit-by-piece = by the piece
page-catalog-unit-by-weight = by weight
page-catalog-unit-fixed = How a product is sold cannot change once it exists: prices and stock are counted that way.
page-catalog-step-grams = Weight step, g
page-catalog-step-required = Weight goods need a step in grams, e.g. 100.
page-catalog-piece-grams = Weight of one piece, g
page-catalog-grams-unreadable = Grams are a whole number, e.g. 150.
page-catalog-tags = Labels
page-catalog-barcode = Barcode
page-catalog-barcode-hint = EAN-13, 13 digits; optional.
page-catalog-photos = Photos
page-catalog-photo-add = Add a photo
page-catalog-photo-uploading = Uploading the photo…
page-catalog-photo-remove = Remove
page-catalog-photo-in-telegram = photo in Telegram
page-catalog-offer = Price and stock
page-catalog-old-price = Old price
page-catalog-old-price-hint = Struck through; above the price. Optional.
page-catalog-price-per-piece = Price per piece, ₽.
page-catalog-price-per-kg = Price per kilogram, ₽.
page-catalog-stock-on-hand = Stock
page-catalog-stock-pieces = Stock, pcs
page-catalog-stock-kg = Stock, kg
page-catalog-low-threshold = Warn me when down to
page-catalog-low-threshold-hint = Empty: never warn.
page-catalog-visible = Show to customers
page-catalog-save = Save

# -- /app/seller/catalog/import -------------------------------------------------------------

page-catalog-import-title = Price list
page-catalog-export = Download the price list
page-catalog-export-hint = A CSV file with every product of the shop: open it in Excel or Google Sheets, change prices and stock, and upload it back.
page-catalog-export-button = Download CSV
page-catalog-import = Upload a price list
page-catalog-import-hint = We check the file first: what will change, and the errors row by row. Nothing changes while the file has errors. Columns:
page-catalog-import-file = CSV file
page-catalog-import-check = Check
page-catalog-import-apply = Apply
page-catalog-import-errors = Errors
page-catalog-import-changes = What will change
page-catalog-import-changed = What changed
page-catalog-import-line = Line
page-catalog-import-column = Column
page-catalog-import-message = What is wrong
page-catalog-import-product = Product
page-catalog-import-new-offer = new
page-catalog-import-rows = Rows in the file:
page-catalog-import-ready = No errors. Check the changes and press "Apply".
page-catalog-import-has-errors = The file has errors; nothing was changed. Fix the rows and check again.
page-catalog-import-nothing = No errors, but nothing to change either.
page-catalog-import-applied = The price list is applied.
page-catalog-import-to-list = To the products

# -- /app/seller/catalog/stock --------------------------------------------------------------

page-catalog-stock-title = Stock history
page-catalog-stock-now = In stock now:
page-catalog-stock-after = left
page-catalog-stock-history-empty = The stock has not changed yet.
page-catalog-by-system = system

# -- the seller bot -------------------------------------------------------------------------

cmd-products = Products, prices and stock
seller-btn-catalog-webapp = 🍎 Products and prices
seller-catalog-open = Products of “{ $name }”: search, prices and stock, the CSV price list.
seller-catalog-choose = Which shop's products?
