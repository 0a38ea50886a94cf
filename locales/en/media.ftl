# Pictures sellers upload (core.media).

error-media_too_large = The file is too large: { $maximum_mb } MB at most.
error-media_type_unsupported = This file will not do: it must be a JPEG, PNG or WebP picture.
error-media_invalid = The picture cannot be read or has the wrong size: each side must be { $minimum } to { $maximum } pixels.
error-media_not_found = Picture not found.
