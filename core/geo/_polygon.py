"""Polygon rings: normalising, validating (simple, non-degenerate, holes inside) and locating."""

from __future__ import annotations

from collections.abc import Sequence

from core.geo._predicates import XY, orientation, segments_intersect, within_box
from core.geo.errors import (
    DegenerateZone,
    SelfIntersectingZone,
    TooFewPoints,
    TooManyPoints,
    ZoneCrossesAntimeridian,
    ZoneHoleOutside,
)

MIN_POINTS = 3
# Checking a border for crossings is O(n log n) on typical shapes, O(n²) at worst; a drawn
# delivery zone has tens of points, an imported one a few hundred.
MAX_POINTS = 2000

OUTSIDE, BOUNDARY, INSIDE = -1, 0, 1

Ring = tuple[XY, ...]


def normalize_ring(points: Sequence[XY]) -> Ring:
    """Drop repeated consecutive points and the closing point (rings are closed implicitly)."""
    ring: list[XY] = []
    for point in points:
        if not ring or ring[-1] != point:
            ring.append(point)
    while len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return tuple(ring)


def validate_rings(rings: Sequence[Ring]) -> None:
    """Raise unless the outer ring (first) and its holes form one simple polygon with area."""
    total = 0
    for ring in rings:
        distinct = len(set(ring))
        if distinct < MIN_POINTS:
            raise TooFewPoints(count=distinct, minimum=MIN_POINTS)
        total += len(ring)
    if total > MAX_POINTS:
        raise TooManyPoints(count=total, maximum=MAX_POINTS)
    longitudes = [x for ring in rings for x, _ in ring]
    # Edges are straight in longitude; an edge across ±180° would run the long way round.
    if max(longitudes) - min(longitudes) > 180:
        raise ZoneCrossesAntimeridian()
    for ring in rings:
        if _collinear(ring):
            raise DegenerateZone()
    _check_crossings(rings)
    outer, holes = rings[0], rings[1:]
    for number, hole in enumerate(holes, start=1):
        # No edges touch, so one vertex tells where the whole hole lies.
        if locate(outer, hole[0]) != INSIDE:
            raise ZoneHoleOutside(hole=number)
        for other in holes:
            if other is not hole and locate(other, hole[0]) != OUTSIDE:
                raise ZoneHoleOutside(hole=number)


def _collinear(ring: Ring) -> bool:
    first = ring[0]
    second = next(point for point in ring if point != first)
    return all(orientation(first, second, point) == 0 for point in ring)


def _check_crossings(rings: Sequence[Ring]) -> None:
    # Edges of all rings, numbered consecutively (outer ring first) for the error message.
    edges: list[tuple[int, int, XY, XY]] = []
    for ring_no, ring in enumerate(rings):
        for i, start in enumerate(ring):
            edges.append((ring_no, i, start, ring[(i + 1) % len(ring)]))
    sizes = [len(ring) for ring in rings]
    # Sweep along longitude: only edges whose x-ranges overlap can meet.
    order = sorted(range(len(edges)), key=lambda k: min(edges[k][2][0], edges[k][3][0]))
    for pos, k in enumerate(order):
        ring_k, i, a, b = edges[k]
        max_x = max(a[0], b[0])
        low_y, high_y = min(a[1], b[1]), max(a[1], b[1])
        for m in order[pos + 1 :]:
            ring_m, j, c, d = edges[m]
            if min(c[0], d[0]) > max_x:
                break
            if min(c[1], d[1]) > high_y or max(c[1], d[1]) < low_y:
                continue
            n = sizes[ring_k]
            if ring_k == ring_m and (j - i) % n in (1, n - 1):
                bad = _adjacent_overlap((a, b), (c, d))
            else:
                bad = segments_intersect(a, b, c, d)
            if bad:
                side_a, side_b = sorted((k + 1, m + 1))
                raise SelfIntersectingZone(side_a=side_a, side_b=side_b)


def _adjacent_overlap(e: tuple[XY, XY], f: tuple[XY, XY]) -> bool:
    """Whether two sides sharing a vertex also share more than it (the border folds back)."""
    shared = next(point for point in e if point in f)
    u = e[1] if e[0] == shared else e[0]
    w = f[1] if f[0] == shared else f[0]
    if orientation(u, shared, w) != 0:
        return False
    return within_box(u, shared, w) or within_box(shared, w, u)


def locate(ring: Ring, p: XY) -> int:
    """INSIDE, BOUNDARY or OUTSIDE of the ring, by casting a ray towards growing longitude."""
    px, py = p
    inside = False
    count = len(ring)
    for i in range(count):
        a = ring[i]
        b = ring[(i + 1) % count]
        ay, by = a[1], b[1]
        if (ay > py) != (by > py):
            turn = orientation(a, b, p)
            if turn == 0:
                return BOUNDARY
            if (turn > 0) == (by > ay):
                inside = not inside
        elif ay == py and (a[0] == px or (by == py and within_box(a, b, p))):
            # The point sits on the ray's level at a vertex or on a horizontal side.
            return BOUNDARY
    return INSIDE if inside else OUTSIDE
