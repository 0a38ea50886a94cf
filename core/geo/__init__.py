"""geo: points on the Earth, distances, and delivery zones (a radius around a point or polygons).

Pure geometry, no tables yet. Coordinates are decimal degrees as floats (x = longitude,
y = latitude); polygon edges are straight lines in that plane, which is what a map shows at city
scale. Predicates are exact (a float filter with an exact rational fallback), so a point on a
zone's border is inside, never inside-or-outside by rounding. ETAs and live courier positions
come later.
"""
