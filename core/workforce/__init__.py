"""workforce: couriers, their shifts and their availability.

Owns the courier profile (name, phone, vehicle: on foot, bicycle or car, which sets how many
deliveries they carry at once: 1, 2, 3) and how a person became a courier: through an
invitation link (core.auth grants the courier role; completing the profile in the courier bot
makes them approved at once) or through an application that an admin approves (which grants the
role through core.auth) or rejects with a reason. Being approved follows the role: a role
granted or revoked in core.auth approves or retires the courier (``subscribers``).

Shifts: a courier starts and ends a shift and takes breaks; their status is ``offline`` (no
shift), ``available``, ``delivering`` (core.logistics reports their number of deliveries in hand
through ``set_active_deliveries``) or ``on_break``. Only available and delivering couriers with
free capacity get offers. Breaks count as shift time: a courier on a break keeps the shift and
may return at any moment.

Limits: at most ``MAX_SHIFT_HOURS_PER_DAY`` (10) hours of shift time in any calendar day of
``WORK_TIMEZONE`` (Europe/Moscow, where the platform runs; one zone for every courier, so the
rule reads the same for all of them and for support). A shift is refused once the day's hours
are spent, and ``tasks.end_shifts_over_limit`` (every minute) ends a shift at the moment the
day's limit was reached. Planned shifts are the courier's intentions for the next
``PLAN_DAYS`` (7) days, within one day each, that day's planned hours at most the same limit.
"""
