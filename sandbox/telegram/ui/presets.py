"""Demo places in Moscow that the chat UI offers when a bot asks for a location.

The sandbox's demo data can put shops and delivery zones around them, so a newcomer who shares
one of these gets shops that deliver there."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class DemoAddress:
    """A preset place: a short title, the street address and its coordinates."""

    key: str
    title: str
    address: str
    latitude: float
    longitude: float

    def as_json(self) -> dict[str, Any]:
        """The address as the chat UI reads it."""
        return asdict(self)


DEMO_ADDRESSES: tuple[DemoAddress, ...] = (
    DemoAddress("tverskaya", "Tverskaya", "Москва, Тверская улица, 7", 55.7580, 37.6108),
    DemoAddress("arbat", "Arbat", "Москва, улица Арбат, 24", 55.7503, 37.5936),
    DemoAddress("pyatnitskaya", "Zamoskvorechye", "Москва, Пятницкая улица, 25", 55.7411, 37.6287),
    DemoAddress("gorky_park", "Gorky Park", "Москва, Крымский Вал, 9", 55.7312, 37.6035),
    DemoAddress(
        "moscow_city", "Moscow City", "Москва, Пресненская набережная, 12", 55.7494, 37.5395
    ),
)
