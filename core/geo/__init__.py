"""geo: points on the Earth, distances, travel times, delivery zones (a radius around a point or
polygons), and live courier positions.

Coordinates are decimal degrees as floats (x = longitude, y = latitude); polygon edges are
straight lines in that plane, which is what a map shows at city scale. Predicates are exact (a
float filter with an exact rational fallback), so a point on a zone's border is inside, never
inside-or-outside by rounding.

geo has no tables. Live courier positions, taken from Telegram's live-location sharing, live in
Redis: a GEO set searched with GEOSEARCH, and a hash with each fix's time and exact point. A fix
older than the stored one is ignored (edits arrive out of order); searches skip fixes older than
the caller's ``max_age`` at the caller's ``now``.

Travel time (``travel_minutes``) is the great-circle (haversine) distance times a road factor,
divided by a speed, rounded up to whole minutes: on foot ×1.25 at 4.5 km/h, by bicycle ×1.3 at
15 km/h, by car ×1.4 at 25 km/h (town traffic and lights included). There is no road graph:
detours of 1.2–1.4 times the straight line are typical of city streets, and an ETA is a promise
kept with a margin, not a route.
"""
