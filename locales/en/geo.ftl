# Points and delivery zones (core.geo).

error-invalid_coordinates = There is no such point on the map: latitude is from −90 to 90, longitude from −180 to 180.
error-invalid_geojson = We could not read the zone: send GeoJSON of type Polygon or MultiPolygon (coordinates are longitude, latitude).
error-too_few_points = A zone needs at least { $minimum } different points; this one has { $count }.
error-too_many_points = The border is too detailed: { $count } points, at most { $maximum } allowed. Please simplify the zone.
error-degenerate_zone = All points of the zone lie on one line, so it has no area. Add a point off that line.
error-self_intersecting_zone = The zone's border crosses itself (sides { $side_a } and { $side_b }). Please draw it without crossings.
error-zone_hole_outside = Cut-out no. { $hole } must lie inside the zone and not inside another cut-out.
error-zone_crosses_antimeridian = A zone cannot cross the 180th meridian.
error-invalid_radius = The delivery radius is a whole number of metres from { $minimum } to { $maximum }.
