"""media: pictures people upload (product photos, shop logos), kept in PostgreSQL.

Owns image files: the bytes (bytea), their SHA-256 (one row per distinct content, so uploading
the same picture twice gives the same id), the type, width and height read from the header, the
size and who uploaded it first. JPEG, PNG and WebP are accepted by their magic bytes, whatever
type the uploader declared, up to 5 MB and 32..6000 px a side; nothing is decoded or re-encoded.
Other modules store a picture as the reference ``media:<id>`` (``ref_of``/``parse_ref``) beside
Telegram file ids and https URLs; web serves ``/media/<id>`` and the bots upload the bytes once
per bot and then send Telegram's file id.
"""
