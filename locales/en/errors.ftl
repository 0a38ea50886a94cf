# error-<code>: what a person sees when a command fails with that CoreError code.

error-generic = Sorry, something went wrong. Please try again a little later — we are looking into it.
error-internal = Sorry, something went wrong on our side. Please try again a little later.
error-not_found = We could not find what you are looking for. It may have been removed.
error-validation_failed = Something in the request looks wrong. Please check it and try again.
error-conflict = This cannot be done right now: things have changed. Please refresh and try again.
error-forbidden = You do not have access to this action.
error-unauthenticated = We could not recognise you. Press /start and try again.
error-unavailable = The service is temporarily unavailable. Please try again in a minute.
error-unsupported_language = That language is not available yet. You can choose Russian or English.
error-user_not_found = We could not recognise you. Press /start and try again.
