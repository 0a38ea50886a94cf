"""Exact geometric predicates on float coordinates.

The orientation of three points is first computed in floating point; when the result is too
close to zero for its sign to be trusted (Shewchuk's error bound for orient2d), it is computed
again exactly with rationals, which floats convert to without loss. So "this point is on that
edge" and "these edges cross" never depend on rounding.
"""

from __future__ import annotations

from fractions import Fraction

_EPSILON = 2.0**-53
# Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
# Predicates" (1997): the float determinant's sign is right when |det| exceeds this share of
# |detleft| + |detright|. Below _TINY the products may have lost bits to underflow.
_ERRBOUND = (3.0 + 16.0 * _EPSILON) * _EPSILON
_TINY = 1e-150

XY = tuple[float, float]


def orientation(a: XY, b: XY, c: XY) -> int:
    """1 if a→b→c turns counterclockwise, -1 if clockwise, 0 if the three are collinear."""
    detleft = (a[0] - c[0]) * (b[1] - c[1])
    detright = (a[1] - c[1]) * (b[0] - c[0])
    det = detleft - detright
    detsum = abs(detleft) + abs(detright)
    if detsum > _TINY:
        bound = _ERRBOUND * detsum
        if det > bound:
            return 1
        if -det > bound:
            return -1
    return _exact_orientation(a, b, c)


def _exact_orientation(a: XY, b: XY, c: XY) -> int:
    ax, ay = Fraction(a[0]), Fraction(a[1])
    bx, by = Fraction(b[0]), Fraction(b[1])
    cx, cy = Fraction(c[0]), Fraction(c[1])
    det = (ax - cx) * (by - cy) - (ay - cy) * (bx - cx)
    return (det > 0) - (det < 0)


def within_box(a: XY, b: XY, p: XY) -> bool:
    """Whether ``p`` lies in the axis-aligned box spanned by ``a`` and ``b`` (edges included)."""
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def on_segment(a: XY, b: XY, p: XY) -> bool:
    """Whether ``p`` lies on the closed segment from ``a`` to ``b``."""
    return within_box(a, b, p) and orientation(a, b, p) == 0


def segments_intersect(p1: XY, p2: XY, q1: XY, q2: XY) -> bool:
    """Whether the closed segments p1–p2 and q1–q2 share at least one point."""
    o1 = orientation(p1, p2, q1)
    o2 = orientation(p1, p2, q2)
    o3 = orientation(q1, q2, p1)
    o4 = orientation(q1, q2, p2)
    if o1 * o2 < 0 and o3 * o4 < 0:
        return True
    return (
        (o1 == 0 and within_box(p1, p2, q1))
        or (o2 == 0 and within_box(p1, p2, q2))
        or (o3 == 0 and within_box(q1, q2, p1))
        or (o4 == 0 and within_box(q1, q2, p2))
    )
