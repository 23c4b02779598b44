package geo

import "math"

// earthRadiusKm is the mean radius of the Earth (IUGG).
const earthRadiusKm = 6371.0088

func radians(deg float64) float64 { return deg * math.Pi / 180 }
func degrees(rad float64) float64 { return rad * 180 / math.Pi }

// DistanceKm is the great-circle distance between two points (haversine).
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	φ1, φ2 := radians(lat1), radians(lat2)
	sinΔφ := math.Sin((φ2 - φ1) / 2)
	sinΔλ := math.Sin(radians(lon2-lon1) / 2)
	h := sinΔφ*sinΔφ + math.Cos(φ1)*math.Cos(φ2)*sinΔλ*sinΔλ
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// RoundKm is how a distance is shown: whole kilometres, and at least 1 for
// any distance above 0, so two different places never read "0 km". Exactly
// 0 (or less, or not a number) gives 0: that is two people of the same
// postcode or place, which is all the platform knows of where they are.
func RoundKm(km float64) int {
	switch {
	case !(km > 0):
		return 0
	case km < 1:
		return 1
	case km > 40_000: // more than once around the Earth: a mistake, not a distance
		return 40_000
	}
	return int(math.Round(km))
}

// Box returns the smallest latitude/longitude rectangle holding every point
// within km of (lat, lon), for a prefilter in SQL ("lat BETWEEN $1 AND $2
// AND lon BETWEEN $3 AND $4") before the exact DistanceKm. Near a pole, or
// across the antimeridian, it spans every longitude.
func Box(lat, lon, km float64) (minLat, maxLat, minLon, maxLon float64) {
	if !(km > 0) {
		return lat, lat, lon, lon
	}
	// A hair more than exact, so rounding never drops a point on the edge.
	d := km/earthRadiusKm + 1e-12
	φ := radians(lat)
	lo, hi := φ-d, φ+d
	if lo <= -math.Pi/2 || hi >= math.Pi/2 {
		return math.Max(-90, degrees(lo)), math.Min(90, degrees(hi)), -180, 180
	}
	// The widest longitude of a circle of angular radius d (the tangent
	// meridians), not d/cos φ, which is too narrow far from the equator.
	Δλ := degrees(math.Asin(math.Sin(d) / math.Cos(φ)))
	minLon, maxLon = lon-Δλ, lon+Δλ
	if minLon < -180 || maxLon > 180 {
		minLon, maxLon = -180, 180
	}
	return degrees(lo), degrees(hi), minLon, maxLon
}
