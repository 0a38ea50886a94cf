# Points and delivery zones (core.geo).

error-invalid_coordinates = Такой точки на карте нет: широта от −90 до 90, долгота от −180 до 180.
error-invalid_geojson = Не получилось прочитать зону: пришлите GeoJSON с типом Polygon или MultiPolygon (координаты — долгота, широта).
error-too_few_points = В зоне должно быть хотя бы { $minimum } разные точки, а сейчас { $count }.
error-too_many_points = Слишком подробная граница: { $count } точек, можно не больше { $maximum }. Упростите зону.
error-degenerate_zone = Все точки зоны лежат на одной линии — у такой зоны нет площади. Добавьте точку в стороне.
error-self_intersecting_zone = Граница зоны пересекает сама себя (стороны { $side_a } и { $side_b }). Нарисуйте её без пересечений.
error-zone_hole_outside = Вырез № { $hole } должен лежать внутри зоны и не внутри другого выреза.
error-zone_crosses_antimeridian = Зона не может пересекать 180-й меридиан.
error-invalid_radius = Радиус доставки — целое число метров от { $minimum } до { $maximum }.
