"""Live courier positions in Redis: a GEO set to search by distance, a hash with each fix.

``fruktgo:geo:couriers`` is a GEO set (a sorted set scored by geohash) of courier ids: it answers
"who is near this point, nearest first" with GEOSEARCH. ``fruktgo:geo:couriers:at`` maps each id
to ``"<at µs since the epoch> <lat> <lon>"``: when the fix was taken, which the GEO set cannot
hold, and the exact coordinates (the geohash keeps them only to about half a metre). Both are
written together by one Lua script, which also refuses a fix older than the stored one: Telegram's
live-location edits can arrive out of order. Ages are measured against the ``now`` the caller
passes, so tests freeze time; stale fixes are skipped, and very old ones removed when met.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis

from core.geo._distance import haversine_m
from core.geo.errors import InvalidCoordinates, InvalidRadius
from core.geo.schemas import MAX_RADIUS_M, MIN_RADIUS_M, LivePosition, NearCourier, Point

GEO_KEY = "fruktgo:geo:couriers"
AT_KEY = "fruktgo:geo:couriers:at"

# Redis stores GEO points as Web Mercator geohashes, which end short of the poles.
MAX_GEO_LATITUDE = 85.05112878
# A fix this old is dropped from both keys when a search meets it: nobody dispatches on it.
FORGET_AFTER = timedelta(hours=12)
# Redis measures with a slightly larger Earth (6 372 797.56 m against our 6 371 008.8 m) and
# from geohash-rounded points, so it searches a little wider; our haversine then decides.
_REDIS_RADIUS_SLACK = 1.0005
_REDIS_RADIUS_EXTRA_M = 2.0

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

# KEYS: GEO set, hash. ARGV: id, at µs, lon, lat, record. 1 if stored, 0 if older than stored.
_RECORD = """
local current = redis.call('HGET', KEYS[2], ARGV[1])
if current and tonumber(string.match(current, '^%S+')) > tonumber(ARGV[2]) then
  return 0
end
redis.call('GEOADD', KEYS[1], ARGV[3], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[5])
return 1
"""

# KEYS: GEO set, hash. ARGV: lon, lat, radius m, count. One round trip: ids nearest first and
# their records (false where an id has none).
_SEARCH = """
local found = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2],
  'BYRADIUS', ARGV[3], 'm', 'ASC', 'COUNT', ARGV[4])
local records = {}
for i, id in ipairs(found) do
  records[i] = redis.call('HGET', KEYS[2], id)
end
return {found, records}
"""

# KEYS: GEO set, hash. ARGV: cutoff µs, ids... Removes the ids whose fix is still older than the
# cutoff (one recorded meanwhile is kept).
_PRUNE = """
local removed = 0
for i = 2, #ARGV do
  local current = redis.call('HGET', KEYS[2], ARGV[i])
  if not current or tonumber(string.match(current, '^%S+')) < tonumber(ARGV[1]) then
    redis.call('ZREM', KEYS[1], ARGV[i])
    redis.call('HDEL', KEYS[2], ARGV[i])
    removed = removed + 1
  end
end
return removed
"""


def _micros(at: datetime) -> int:
    if at.tzinfo is None:
        raise ValueError("positions need timezone-aware times")
    return (at - _EPOCH) // _MICROSECOND


def _from_micros(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _geo_point(point: Point) -> Point:
    if abs(point.lat) > MAX_GEO_LATITUDE:
        raise InvalidCoordinates(
            "live positions end at 85.05° north and south", lat=point.lat, lon=point.lon
        )
    return point


def _parse(record: bytes | str) -> tuple[int, Point]:
    text = record.decode() if isinstance(record, bytes) else record
    micros, lat, lon = text.split()
    return int(micros), Point(float(lat), float(lon))


async def record_position(redis: Redis, courier_id: int, point: Point, at: datetime) -> None:
    """Remember where ``courier_id`` was at ``at``; a fix older than the stored one is ignored."""
    _geo_point(point)
    micros = _micros(at)
    record = f"{micros} {point.lat!r} {point.lon!r}"
    script = redis.register_script(_RECORD)
    await script(keys=[GEO_KEY, AT_KEY], args=[courier_id, micros, point.lon, point.lat, record])


async def position_of(redis: Redis, courier_id: int) -> LivePosition | None:
    """The courier's latest fix, however old, or None if there is none."""
    record = await redis.hget(AT_KEY, str(courier_id))
    if record is None:
        return None
    micros, point = _parse(record)
    return LivePosition(courier_id, point, _from_micros(micros))


async def forget_position(redis: Redis, courier_id: int) -> None:
    """Drop the courier's position (they stopped sharing it); nothing happens if there is none."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.zrem(GEO_KEY, str(courier_id))
        pipe.hdel(AT_KEY, str(courier_id))
        await pipe.execute()


async def nearest_couriers(
    redis: Redis,
    point: Point,
    *,
    radius_m: float,
    now: datetime,
    max_age: timedelta,
    limit: int = 50,
) -> list[NearCourier]:
    """Couriers within ``radius_m`` of ``point`` whose fix is at most ``max_age`` old at
    ``now``, nearest first, at most ``limit`` of them."""
    _geo_point(point)
    if isinstance(radius_m, bool) or not MIN_RADIUS_M <= radius_m <= MAX_RADIUS_M:
        raise InvalidRadius(radius_m=radius_m, minimum=MIN_RADIUS_M, maximum=MAX_RADIUS_M)
    if limit < 1:
        raise ValueError("limit must be at least 1")
    now_micros = _micros(now)
    fresh_after = now_micros - max_age // _MICROSECOND
    forget_before = now_micros - FORGET_AFTER // _MICROSECOND
    search_radius = radius_m * _REDIS_RADIUS_SLACK + _REDIS_RADIUS_EXTRA_M
    script = redis.register_script(_SEARCH)
    # Stale fixes take places in GEOSEARCH's COUNT: ask for some spare, and for more when the
    # answer was cut short by COUNT yet too few fresh ones came back.
    count = limit + limit // 4 + 8
    while True:
        found, records = await script(
            keys=[GEO_KEY, AT_KEY], args=[point.lon, point.lat, search_radius, count]
        )
        near: list[NearCourier] = []
        forgotten: list[bytes | str] = []
        for member, record in zip(found, records, strict=True):
            if not record:
                forgotten.append(member)
                continue
            micros, where = _parse(record)
            if micros < forget_before:
                forgotten.append(member)
            if micros < fresh_after:
                continue
            distance = haversine_m(point.lat, point.lon, where.lat, where.lon)
            if distance <= radius_m:
                age = max(0, now_micros - micros) / 1_000_000
                near.append(NearCourier(int(member), distance, age))
        if forgotten:
            await _prune(redis, forgotten, forget_before)
        if len(near) >= limit or len(found) < count:
            break
        count *= 4
    near.sort(key=lambda courier: courier.distance_m)
    return near[:limit]


async def _prune(redis: Redis, members: Sequence[bytes | str], before_micros: int) -> None:
    script = redis.register_script(_PRUNE)
    await script(keys=[GEO_KEY, AT_KEY], args=[before_micros, *members])
