"""Reference geometry for the geo tests, written independently of core.geo, exact rationals.

Simplicity is checked by its definition (sides meet only where consecutive sides share a
vertex) and containment by casting a ray upwards instead of sideways."""

from __future__ import annotations

from fractions import Fraction

P = tuple[Fraction, Fraction]


def as_exact(points: list[tuple[float, float]]) -> list[P]:
    """(x, y) pairs as rationals."""
    return [(Fraction(x), Fraction(y)) for x, y in points]


def normalized(points: list[P]) -> list[P]:
    """Drop repeats in a row and the closing point, as a ring is read."""
    ring: list[P] = []
    for p in points:
        if not ring or ring[-1] != p:
            ring.append(p)
    while len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return ring


def _cross(o: P, a: P, b: P) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def common_points(s: tuple[P, P], t: tuple[P, P]) -> list[P]:
    """The shared part of two closed segments: [], [point] or [start, end] of an overlap."""
    (p, p2), (q, q2) = s, t
    r = (p2[0] - p[0], p2[1] - p[1])
    d = (q2[0] - q[0], q2[1] - q[1])
    denom = r[0] * d[1] - r[1] * d[0]
    qp = (q[0] - p[0], q[1] - p[1])
    if denom != 0:
        t_s = (qp[0] * d[1] - qp[1] * d[0]) / denom
        t_t = (qp[0] * r[1] - qp[1] * r[0]) / denom
        if 0 <= t_s <= 1 and 0 <= t_t <= 1:
            return [(p[0] + t_s * r[0], p[1] + t_s * r[1])]
        return []
    if _cross(p, p2, q) != 0:
        return []  # parallel, on different lines
    # Collinear: overlap of the parameter ranges along s.
    length2 = r[0] * r[0] + r[1] * r[1]

    def param(x: P) -> Fraction:
        return ((x[0] - p[0]) * r[0] + (x[1] - p[1]) * r[1]) / length2

    lo = max(Fraction(0), min(param(q), param(q2)))
    hi = min(Fraction(1), max(param(q), param(q2)))
    if lo > hi:
        return []
    start = (p[0] + lo * r[0], p[1] + lo * r[1])
    end = (p[0] + hi * r[0], p[1] + hi * r[1])
    return [start] if lo == hi else [start, end]


def is_simple_with_area(ring: list[P]) -> bool:
    """A valid zone ring: 3+ distinct points, not all on a line, sides meeting only at shared
    vertices of consecutive sides."""
    if len(set(ring)) < 3:
        return False
    if all(_cross(ring[0], ring[1], x) == 0 for x in ring):
        return False
    n = len(ring)
    sides = [(ring[i], ring[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            shared = common_points(sides[i], sides[j])
            if j == i + 1:
                allowed = [sides[i][1]]
            elif i == 0 and j == n - 1:
                allowed = [sides[i][0]]
            else:
                allowed = []
            if shared != allowed:
                return False
    return True


def contains(ring: list[P], point: P) -> bool:
    """Inside or on the border, by counting crossings of a ray going up from the point."""
    n = len(ring)
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        if common_points((a, b), (point, point)):
            return True
    crossings = 0
    px, py = point
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        if (a[0] > px) != (b[0] > px):
            y_at = a[1] + (px - a[0]) * (b[1] - a[1]) / (b[0] - a[0])
            if y_at > py:
                crossings += 1
    return crossings % 2 == 1
